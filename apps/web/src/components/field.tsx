/** A labelled input with an optional hint and the API's error for it, tied together for screen readers. */
export function Field(props: {
  id: string;
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  defaultValue?: string;
  autoFocus?: boolean;
  /** The keyboard a phone offers ("numeric" for a code). */
  inputMode?: "text" | "numeric";
  /** Off for codes and keys, which are neither sentences nor words. */
  autoCapitalize?: "off" | "none";
  spellCheck?: boolean;
  onFocus?: () => void;
}) {
  const describedBy = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        required={props.required ?? true}
        defaultValue={props.defaultValue}
        autoFocus={props.autoFocus}
        inputMode={props.inputMode}
        autoCapitalize={props.autoCapitalize}
        spellCheck={props.spellCheck}
        onFocus={props.onFocus}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint && (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
