import type { User } from "../../domain/user/user.entity";
import type { PasskeyChallenge } from "./passkey-challenges.port";
import type { PasskeyCredential, StoredPasskey } from "./passkey-store.port";

/**
 * WebAuthn options (PublicKeyCredentialCreationOptionsJSON or …RequestOptionsJSON), passed
 * through to the browser's `parseCreationOptionsFromJSON` / `parseRequestOptionsFromJSON`.
 */
export interface WebAuthnOptionsJson {
  challenge: string;
}

/** A new credential whose attestation verified. */
export interface VerifiedRegistration extends PasskeyCredential {
  backedUp: boolean;
}

/** A log-in assertion that verified. */
export interface VerifiedAssertion {
  newCounter: number;
  backedUp: boolean;
}

/**
 * The WebAuthn ceremonies for this relying party (a maintained library behind it). Both
 * require user verification (a PIN or a biometric on the device) and a discoverable
 * credential, so a passkey log-in is multi-factor by itself and needs no username.
 * The `verify…` methods throw PasskeyRejectedError for a response that does not verify.
 */
export interface PasskeyVerifier {
  registrationOptions(user: User, challenge: string, exclude: PasskeyCredential[]): Promise<WebAuthnOptionsJson>;
  verifyRegistration(response: unknown, challenge: PasskeyChallenge): Promise<VerifiedRegistration>;
  logInOptions(challenge: string): Promise<WebAuthnOptionsJson>;
  /** The credential id an assertion names, to find its passkey by; null when it names none. */
  credentialIdOf(response: unknown): string | null;
  verifyLogIn(response: unknown, challenge: PasskeyChallenge, passkey: StoredPasskey): Promise<VerifiedAssertion>;
}
