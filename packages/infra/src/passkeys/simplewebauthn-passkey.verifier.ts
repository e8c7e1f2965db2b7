import {
  PasskeyRejectedError,
  type PasskeyChallenge,
  type PasskeyCredential,
  type PasskeyVerifier,
  type StoredPasskey,
  type User,
  type VerifiedAssertion,
  type VerifiedRegistration,
  type WebAuthnOptionsJson,
} from "@gatehouse/core";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoBase64URL, isoUint8Array } from "@simplewebauthn/server/helpers";

/** How long the browser waits for the user's device (the challenge lives a little longer). */
const CEREMONY_TIMEOUT_MS = 180_000;

export interface RelyingParty {
  /** What the device shows the user. */
  name: string;
  /** APP_ORIGIN, the only origin a response may come from (read when used: on PORT=0 it is known once listening). */
  origin: () => string;
}

/**
 * The WebAuthn ceremonies through @simplewebauthn/server. The relying party id is the
 * origin's host (passkeys made for it work on no other site: they cannot be phished), user
 * verification is required both ways and credentials must be discoverable. Any response the
 * library does not accept, whatever the reason, is PASSKEY_REJECTED.
 */
export class SimpleWebAuthnPasskeyVerifier implements PasskeyVerifier {
  constructor(private readonly relyingParty: RelyingParty) {}

  private get origin(): string {
    return this.relyingParty.origin();
  }

  /** The origin's host: an IP address cannot be one, so locally it is `localhost`. */
  private get rpID(): string {
    return new URL(this.origin).hostname;
  }

  async registrationOptions(user: User, challenge: string, exclude: PasskeyCredential[]): Promise<WebAuthnOptionsJson> {
    return generateRegistrationOptions({
      rpName: this.relyingParty.name,
      rpID: this.rpID,
      userName: user.username.value,
      userDisplayName: user.username.value,
      // The user handle is our user id: a device keeps one passkey per account and site, and a
      // log-in's assertion says whose it is (checked against the stored passkey's owner).
      userID: isoUint8Array.fromUTF8String(user.id),
      challenge: isoBase64URL.toBuffer(challenge),
      timeout: CEREMONY_TIMEOUT_MS,
      attestationType: "none",
      excludeCredentials: exclude.map(({ credentialId, transports }) => ({ id: credentialId, transports })),
      authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    });
  }

  async verifyRegistration(response: unknown, challenge: PasskeyChallenge): Promise<VerifiedRegistration> {
    const { registrationInfo: info } = await rejectingFailures(() =>
      verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge: (signed) => challenge.matches(signed),
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        requireUserVerification: true,
      }),
    );
    if (!info) throw new PasskeyRejectedError();
    const { id, publicKey, counter, transports = [] } = info.credential;
    return { credentialId: id, publicKey, counter, transports, backedUp: info.credentialBackedUp };
  }

  async logInOptions(challenge: string): Promise<WebAuthnOptionsJson> {
    return generateAuthenticationOptions({
      rpID: this.rpID,
      challenge: isoBase64URL.toBuffer(challenge),
      timeout: CEREMONY_TIMEOUT_MS,
      userVerification: "required",
      allowCredentials: [], // discoverable: the device offers what it holds for this site
    });
  }

  credentialIdOf(response: unknown): string | null {
    const id = (response as { id?: unknown } | null)?.id;
    // Credential ids are at most 1023 bytes (WebAuthn §5.8.3), 1364 in base64url.
    return typeof id === "string" && id.length > 0 && id.length <= 1364 ? id : null;
  }

  async verifyLogIn(
    response: unknown,
    challenge: PasskeyChallenge,
    passkey: StoredPasskey,
  ): Promise<VerifiedAssertion> {
    const assertion = response as AuthenticationResponseJSON;
    // A discoverable credential names its user; it must be the passkey's owner.
    const userHandle: unknown = assertion?.response?.userHandle;
    if (userHandle !== undefined && userHandle !== null && userHandle !== isoBase64URL.fromUTF8String(passkey.userId)) {
      throw new PasskeyRejectedError();
    }
    const { verified, authenticationInfo: info } = await rejectingFailures(() =>
      verifyAuthenticationResponse({
        response: assertion,
        expectedChallenge: (signed) => challenge.matches(signed),
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(passkey.publicKey),
          counter: passkey.counter,
          transports: passkey.transports,
        },
        requireUserVerification: true,
      }),
    );
    if (!verified) throw new PasskeyRejectedError();
    // The library refuses a counter that did not move on (a cloned authenticator or a replay).
    return { newCounter: info.newCounter, backedUp: info.credentialBackedUp };
  }
}

/** The library throws plain Errors for every way a response can be wrong. */
async function rejectingFailures<T>(verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch {
    throw new PasskeyRejectedError();
  }
}
