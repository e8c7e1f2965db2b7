"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "../../../lib/trpc";

const SUGGESTIONS = 8;

/**
 * A username typed with suggestions: as the admin types, the users whose names contain the
 * text are offered (an `<input list>` with a `<datalist>`, fed by `users.list` once typing
 * pauses). The filter applies when they choose a suggestion (or type a whole name it offers),
 * press Enter, leave the field or empty it; not at every keystroke, so half a name is never
 * sent as a filter.
 */
export function UsernameFilter({
  id,
  label,
  draft,
  onDraftChange,
  onApply,
  error,
}: {
  id: string;
  label: string;
  draft: string;
  onDraftChange: (text: string) => void;
  onApply: (username: string) => void;
  error: string | undefined;
}) {
  const trpc = useTRPC();
  const [search, setSearch] = useState(draft.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSearch(draft.trim()), 250);
    return () => clearTimeout(timer);
  }, [draft]);

  const suggestions = useQuery({
    ...trpc.users.list.queryOptions({ search, limit: SUGGESTIONS, sortBy: "username", order: "asc" }),
    enabled: search !== "",
    placeholderData: keepPreviousData,
  });
  const names = search === "" ? [] : (suggestions.data?.items.map((user) => user.username) ?? []);

  function onChange(text: string) {
    onDraftChange(text);
    const name = text.trim();
    if (name === "" || names.some((offered) => offered.toLowerCase() === name.toLowerCase())) onApply(name);
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        list={`${id}-suggestions`}
        value={draft}
        placeholder="Anyone"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => event.key === "Enter" && onApply(draft.trim())}
        onBlur={() => onApply(draft.trim())}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <datalist id={`${id}-suggestions`}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
