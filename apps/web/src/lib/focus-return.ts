"use client";
import { useRef } from "react";
import { flushSync } from "react-dom";

/**
 * Focus back on the button that opened an inline confirmation or form, once it is closed.
 * The button is not on the page while the confirmation is (it takes its place), so each
 * opener is kept by name (`refFor`), and `close` renders the closed state at once
 * (`flushSync`) before focusing the button that is back.
 */
export function useFocusReturn<Name extends string>() {
  const openers = useRef(new Map<Name, HTMLElement>());
  return {
    refFor: (name: Name) => (element: HTMLElement | null) => {
      if (element) openers.current.set(name, element);
      else openers.current.delete(name);
    },
    close: (closeIt: () => void, opener: Name) => {
      flushSync(closeIt);
      openers.current.get(opener)?.focus();
    },
  };
}

/** Escape, pressed inside an inline confirmation or form, cancels it (and no outer one). */
export function onEscape(cancel: () => void) {
  return (event: { key: string; stopPropagation(): void }) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    cancel();
  };
}
