"use client";
import { useCallback, useState } from "react";

/**
 * "A message clears on the next action", for parts of a page that keep their message in their
 * own state (a user row's actions, the create form, the sessions panel): the part the admin
 * acted in last may be showing one; when they act anywhere else, that part gets a new key, so
 * React mounts it afresh and its message is gone. The part acted in keeps its key (its state,
 * such as a confirmation it is opening, survives), and so do the others: they have shown
 * nothing since they were last mounted.
 *
 * `actedIn(part)` is for capture handlers (`onClickCapture`, `onSubmitCapture`) around a part;
 * `actedIn(null)` is the page's own action (a search, a filter, a page change).
 */
export function useClearOnNextAction() {
  const [state, setState] = useState<{ last: string | null; generations: Readonly<Record<string, number>> }>({
    last: null,
    generations: {},
  });

  const actedIn = useCallback(
    (part: string | null) =>
      setState((current) => {
        if (current.last === part) return current;
        if (current.last === null) return { last: part, generations: current.generations };
        const generation = (current.generations[current.last] ?? 0) + 1;
        return { last: part, generations: { ...current.generations, [current.last]: generation } };
      }),
    [],
  );

  const keyOf = (part: string) => `${part}:${state.generations[part] ?? 0}`;
  return { keyOf, actedIn };
}
