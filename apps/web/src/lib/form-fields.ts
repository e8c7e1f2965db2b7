/** A text field of a submitted form; "" when it is missing (a file input is never one of ours). */
export function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
