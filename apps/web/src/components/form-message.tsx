/**
 * What a form or an action reports: an alert for a failure, a status for a success, nothing
 * otherwise. `compact` is the small, unboxed kind, for messages inside a table row.
 */
export function FormMessage({
  id,
  error,
  success,
  compact = false,
}: {
  id?: string;
  error?: string | null;
  success?: string | null;
  compact?: boolean;
}) {
  if (error) {
    return (
      <p className={compact ? "field-error" : "error"} id={id} role="alert">
        {error}
      </p>
    );
  }
  if (success) {
    return (
      <p className={compact ? "ok-text" : "notice"} role="status">
        {success}
      </p>
    );
  }
  return null;
}
