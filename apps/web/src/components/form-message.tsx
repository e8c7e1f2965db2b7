/**
 * What a form or an action reports: an alert for a failure, a status for a success, nothing
 * otherwise. `compact` is the small, unboxed kind, for messages inside a table row.
 *
 * The slot around it is always there. Beside a form's button (in `.form-actions`) or in a
 * row it keeps a line's room, so a message appearing or going moves nothing around it
 * (`.message-slot` in globals.css). Whoever shows a message clears it at the person's next
 * action (lib/clear-on-next-action.ts).
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
  let message = null;
  if (error) {
    message = (
      <p className={compact ? "field-error" : "error"} id={id} role="alert">
        {error}
      </p>
    );
  } else if (success) {
    message = (
      <p className={compact ? "ok-text" : "notice"} role="status">
        {success}
      </p>
    );
  }
  return <div className={compact ? "message-slot compact" : "message-slot"}>{message}</div>;
}
