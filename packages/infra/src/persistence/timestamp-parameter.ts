/**
 * A Date as a bound parameter that compares correctly with a stored Prisma DateTime in raw
 * SQL: SQLite keeps them as ISO-8601 text with a "+00:00" offset, so a bound must be written
 * the same way (equal instants must compare equal); PostgreSQL reads the same text as the
 * UTC timestamp it stores.
 */
export function timestampParameter(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
