/** A timestamp as people read it, in UTC so every viewer sees the same. */
export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}
