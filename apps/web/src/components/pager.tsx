/** Previous/next over a keyset cursor: `cursors` is the stack of pages visited, the last one showing. */
export function Pager({
  cursors,
  nextCursor,
  onChange,
  labels = ["Previous", "Next"],
}: {
  cursors: Array<string | null>;
  nextCursor: string | null | undefined;
  onChange: (cursors: Array<string | null>) => void;
  labels?: [string, string];
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <button
        type="button"
        className="secondary"
        disabled={cursors.length <= 1}
        onClick={() => onChange(cursors.slice(0, -1))}
      >
        {labels[0]}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={!nextCursor}
        onClick={() => nextCursor && onChange([...cursors, nextCursor])}
      >
        {labels[1]}
      </button>
    </nav>
  );
}
