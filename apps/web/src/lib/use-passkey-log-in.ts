"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { createApiClient } from "./api-client";
import { conditionalMediationAvailable, describePasskeyFailure, getPasskeyAssertion } from "./webauthn";

type Api = ReturnType<typeof createApiClient>;

/** The autofill request waiting in the username field, and its end once aborted. */
interface Autofill {
  controller: AbortController;
  settled: Promise<void>;
}

/**
 * Logging in with a passkey on the log-in page, two ways:
 * - `logIn()`: the browser's passkey dialog (the "Log in with a passkey" button, or the second
 *   step of an account that needs its passkey);
 * - autofill (`autofill` true when the browser offers it, while `enabled`): a request waiting in
 *   the background that the username field's suggestions answer. Only one WebAuthn request
 *   may be pending, so it is aborted before the dialog or a password log-in (`stopAutofill`),
 *   and waits again after one of those fails (`restartAutofill`). A passkey chosen there and
 *   refused is said once, and not offered again by itself (a removed passkey would be refused
 *   over and over, each time against the log-in budget).
 * Each way asks the server for a challenge of its own (`beginLogIn`) and lands where a
 * password log-in does (`onLoggedIn`).
 *
 * An autofill answer is used only once the username field has had the focus
 * (`usernameFocused`): a person picks a suggestion from that field, so an answer that comes
 * first (an automated browser whose device answers at once) waits for them, and a page
 * merely opened never logs anyone in by itself.
 */
export function usePasskeyLogIn({ api, enabled, onLoggedIn }: { api: Api; enabled: boolean; onLoggedIn: () => void }) {
  const [autofill, setAutofill] = useState(false);
  const [round, setRound] = useState(0);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const waiting = useRef<Autofill | null>(null);
  const username = useRef(new UsernameFocus());
  const loggedIn = useRef(onLoggedIn);
  useEffect(() => {
    loggedIn.current = onLoggedIn;
  });

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void conditionalMediationAvailable().then((available) => {
      if (live) setAutofill(available);
    });
    return () => {
      live = false;
    };
  }, [enabled]);

  // Runs once the username field says `webauthn` (rendered with `autofill`), as browsers ask.
  useEffect(() => {
    if (!enabled || !autofill) return;
    const controller = new AbortController();
    const { signal } = controller;
    const settled = (async () => {
      let response;
      try {
        const options = await api.account.passkeys.beginLogIn.mutate(undefined, { signal });
        response = await getPasskeyAssertion(options, { signal, conditional: true });
        await username.current.focused(signal);
      } catch {
        // Aborted by the page, nothing chosen, or no challenge to be had: the autofill is a
        // convenience, and the button and the password still work (and say what is wrong).
        return;
      }
      setPending(true);
      try {
        await api.account.passkeys.finishLogIn.mutate({ response });
      } catch (error) {
        // Chosen and refused (a removed passkey): said once; the button tries again.
        setPending(false);
        setFailure(describePasskeyFailure(error, "logging in"));
        return;
      }
      loggedIn.current();
    })();
    waiting.current = { controller, settled };
    return () => controller.abort();
  }, [api, enabled, autofill, round]);

  /** Ends the autofill request, and waits until the browser has let it go. */
  const stopAutofill = useCallback(async () => {
    const current = waiting.current;
    waiting.current = null;
    if (!current) return;
    current.controller.abort();
    await current.settled;
  }, []);

  const restartAutofill = useCallback(() => setRound((n) => n + 1), []);

  const logIn = useCallback(async () => {
    setFailure(null);
    setPending(true);
    await stopAutofill();
    try {
      const options = await api.account.passkeys.beginLogIn.mutate();
      const response = await getPasskeyAssertion(options);
      await api.account.passkeys.finishLogIn.mutate({ response });
      loggedIn.current();
      return;
    } catch (error) {
      setFailure(describePasskeyFailure(error, "logging in"));
    }
    setPending(false);
    restartAutofill();
  }, [api, stopAutofill, restartAutofill]);

  return {
    /** The browser offers passkeys in the username field's autofill (`autocomplete="username webauthn"`). */
    autofill,
    pending,
    failure,
    clearFailure: useCallback(() => setFailure(null), []),
    logIn,
    stopAutofill,
    restartAutofill,
    /** For the username field's `onFocus`: an autofill answer may be used from then on. */
    usernameFocused: useCallback(() => username.current.note(), []),
  };
}

/** Whether the username field has had the focus yet, and a wait until it has. */
class UsernameFocus {
  #focused = false;
  #waiters: Array<() => void> = [];

  note(): void {
    this.#focused = true;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolves once the field has had the focus; rejects when `signal` aborts first. */
  focused(signal: AbortSignal): Promise<void> {
    if (this.#focused) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#waiters.push(resolve);
      signal.addEventListener("abort", () => reject(new DOMException("Aborted", "AbortError")), { once: true });
    });
  }
}
