"use client";
import { useEffect, useRef, type RefObject } from "react";

/** What counts as acting when clicked: following a link or pressing a control. */
const ACTIONABLE = "a[href], button, input, select, textarea, summary, [role=button]";

/**
 * Clears a message at the person's next action on the page: typing or choosing in any field,
 * clicking a button or link, submitting a form. A "Created alice.smith." must not stay through
 * the searches, filters, pages and other actions that follow it.
 *
 * Actions inside `keepWithin` are not counted: a form's errors stay while the person corrects
 * its fields, and go with the next submit (which clears them itself) or an action elsewhere.
 * The listeners are on the document, in the capture phase, so they see every action before
 * the control's own handler, which may then show the next message.
 */
export function useClearOnNextAction(showing: boolean, clear: () => void, keepWithin?: RefObject<Element | null>) {
  const latest = useRef(clear);
  useEffect(() => {
    latest.current = clear;
  });
  useEffect(() => {
    if (!showing) return;
    const onAction = (event: Event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (event.type === "click" && !target?.closest(ACTIONABLE)) return;
      if (target && keepWithin?.current?.contains(target)) return;
      latest.current();
    };
    const types = ["click", "input", "change", "submit"] as const;
    for (const type of types) document.addEventListener(type, onAction, true);
    return () => {
      for (const type of types) document.removeEventListener(type, onAction, true);
    };
  }, [showing, keepWithin]);
}
