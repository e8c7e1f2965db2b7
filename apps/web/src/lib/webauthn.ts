import { describeApiError } from "./api-error";

// Passkeys with the browser's own WebAuthn JSON helpers (PublicKeyCredential.parse…FromJSON
// and the credential's toJSON()): the server speaks WebAuthn's JSON forms, so the pages carry
// no encoding library.

/** The browser can make and use passkeys (WebAuthn with its JSON helpers). */
export function webAuthnSupported(): boolean {
  return (
    typeof window !== "undefined" &&
    typeof window.PublicKeyCredential?.parseCreationOptionsFromJSON === "function" &&
    typeof navigator.credentials?.create === "function"
  );
}

/** The browser can offer passkeys in the username field's autofill (conditional mediation). */
export async function conditionalMediationAvailable(): Promise<boolean> {
  if (!webAuthnSupported() || typeof PublicKeyCredential.isConditionalMediationAvailable !== "function") return false;
  try {
    return await PublicKeyCredential.isConditionalMediationAvailable();
  } catch {
    return false;
  }
}

/**
 * WebAuthn options as the server sends them (its type names the challenge only): the JSON
 * forms the browser's parse…FromJSON helpers take.
 */
interface ServerOptions {
  challenge: string;
}

/** A credential's `toJSON()` (typed `any` by TypeScript's DOM library), as the server takes it. */
export type CredentialJson = Record<string, unknown>;

export const NO_WEBAUTHN = "This browser cannot use passkeys. Use an up-to-date browser, or your password.";

/** A new passkey on the person's device, for the server's creation options: the credential as JSON. */
export async function createPasskey(options: ServerOptions): Promise<CredentialJson> {
  if (!webAuthnSupported()) throw new DOMException(NO_WEBAUTHN, "NotSupportedError");
  const credential = await navigator.credentials.create({
    publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options as PublicKeyCredentialCreationOptionsJSON),
  });
  if (!(credential instanceof PublicKeyCredential)) throw new DOMException("No passkey was made.", "NotAllowedError");
  return credential.toJSON() as CredentialJson;
}

/**
 * An assertion of one of the person's passkeys for the server's request options, as JSON.
 * `conditional`: offered in the username field's autofill rather than in a dialog, until
 * `signal` aborts it.
 */
export async function getPasskeyAssertion(
  options: ServerOptions,
  { signal, conditional = false }: { signal?: AbortSignal; conditional?: boolean } = {},
): Promise<CredentialJson> {
  if (!webAuthnSupported()) throw new DOMException(NO_WEBAUTHN, "NotSupportedError");
  const credential = await navigator.credentials.get({
    publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options),
    signal,
    ...(conditional ? { mediation: "conditional" as const } : {}),
  });
  if (!(credential instanceof PublicKeyCredential)) throw new DOMException("No passkey was chosen.", "NotAllowedError");
  return credential.toJSON() as CredentialJson;
}

/**
 * What to tell the person when adding or using a passkey failed, from the browser (cancelled,
 * timed out, not supported, already on this device) or from the server.
 */
export function describePasskeyFailure(error: unknown, when: "adding" | "logging in"): string {
  if (error instanceof DOMException) {
    switch (error.name) {
      case "NotSupportedError":
        return NO_WEBAUTHN;
      case "NotAllowedError":
        // The browser says no more than this, on purpose: cancelled, timed out or refused.
        return when === "adding"
          ? "No passkey was added: the request was cancelled or timed out."
          : "The passkey log-in was cancelled or timed out.";
      case "InvalidStateError":
        return "This device already holds a passkey for your account.";
      case "SecurityError":
        return "Passkeys do not work at this address. Open Gatehouse at its usual address.";
      default:
        return error.message;
    }
  }
  const failure = describeApiError(error);
  if (failure.appCode === "PASSKEY_REJECTED")
    return when === "adding"
      ? "The passkey could not be verified, so it was not added. Please try again."
      : "This passkey was not accepted: it may have been removed from your account. Log in with your password, or another passkey.";
  return failure.message;
}
