import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

/** What the authenticator keeps of a passkey it made (a discoverable, ES256 credential). */
export interface SoftCredential {
  /** base64url, as the relying party sees it */
  readonly id: string;
  readonly rpId: string;
  /** base64url: the `user.id` of the creation options, answered back as `userHandle` */
  readonly userHandle: string;
  readonly privateKey: KeyObject;
  /** the signature counter the next assertion reports (it is incremented first) */
  signCount: number;
}

export interface SoftAuthenticatorOptions {
  /**
   * A synced (multi-device) passkey, as a password manager or a phone platform makes:
   * authenticatorData then carries the backup-eligible and backed-up flags.
   */
  readonly synced?: boolean;
}

/** Ways to misbehave for one ceremony; by default the authenticator does everything right. */
export interface CeremonyOverrides {
  /** false: the user was not verified (the UV flag stays off); user presence is still reported */
  readonly userVerified?: boolean;
}

export interface AssertionOverrides extends CeremonyOverrides {
  /** which credential answers; by default the newest one for the RP id (and the allow list) */
  readonly credentialId?: string;
  /**
   * The counter to report, as is, without moving the stored one: a counter that does not move
   * (the last value reported) or goes back (a smaller one), as a cloned authenticator would.
   */
  readonly signCount?: number;
}

/**
 * The JSON a browser's `toJSON()` gives, typed also as the plain JSON object an API takes it
 * as (an interface alone is no `Record<string, unknown>` to TypeScript).
 */
export type RegistrationResponse = RegistrationResponseJSON & Record<string, unknown>;
export type AuthenticationResponse = AuthenticationResponseJSON & Record<string, unknown>;

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_BACKUP_ELIGIBLE = 0x08;
const FLAG_BACKED_UP = 0x10;
const FLAG_ATTESTED_CREDENTIAL_DATA = 0x40;
const COSE_ALG_ES256 = -7;

/**
 * A software WebAuthn authenticator for tests in Node: it answers the JSON options a relying
 * party hands out with the JSON a browser's `PublicKeyCredential.toJSON()` would send back
 * (attestation "none", ES256 on P-256, discoverable credentials), so a test can drive a passkey
 * registration and log-in over HTTP without a browser. `origin` is what the browser would put in
 * clientDataJSON: pass another one to play a phishing page.
 */
export class SoftAuthenticator {
  readonly #synced: boolean;
  readonly #credentials: SoftCredential[] = [];

  constructor(options: SoftAuthenticatorOptions = {}) {
    this.#synced = options.synced ?? false;
  }

  /** The credentials it holds, oldest first. */
  get credentials(): readonly SoftCredential[] {
    return this.#credentials;
  }

  /** `navigator.credentials.create()`: makes and keeps a new discoverable credential. */
  createCredential(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
    overrides: CeremonyOverrides = {},
  ): RegistrationResponse {
    if (!options.pubKeyCredParams.some((param) => param.alg === COSE_ALG_ES256)) {
      throw new Error("SoftAuthenticator: the relying party does not accept ES256");
    }
    const rpId = options.rp.id ?? new URL(origin).hostname;
    const excluded = new Set((options.excludeCredentials ?? []).map((descriptor) => descriptor.id));
    if (this.#credentials.some((held) => held.rpId === rpId && excluded.has(held.id))) {
      // What a real authenticator does (InvalidStateError): it already holds one of the user's.
      throw new Error("SoftAuthenticator: a credential in excludeCredentials is already here");
    }

    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const credentialId = randomBytes(32);
    const jwk = publicKey.export({ format: "jwk" });
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, COSE_ALG_ES256],
      [-1, 1], // crv: P-256
      [-2, bytes(Buffer.from(jwk.x ?? "", "base64url"))],
      [-3, bytes(Buffer.from(jwk.y ?? "", "base64url"))],
    ]);
    const credentialIdLength = Buffer.alloc(2);
    credentialIdLength.writeUInt16BE(credentialId.length);
    const authenticatorData = Buffer.concat([
      this.#authenticatorDataHead(rpId, overrides, FLAG_ATTESTED_CREDENTIAL_DATA, 0),
      Buffer.alloc(16), // AAGUID: none
      credentialIdLength,
      credentialId,
      isoCBOR.encode(coseKey),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ["fmt", "none"],
        ["attStmt", new Map<string, string>()],
        ["authData", bytes(authenticatorData)],
      ]),
    );
    const clientDataJSON = clientData("webauthn.create", options.challenge, origin);

    const id = credentialId.toString("base64url");
    this.#credentials.push({ id, rpId, userHandle: options.user.id, privateKey, signCount: 0 });
    return {
      id,
      rawId: id,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        clientDataJSON: clientDataJSON.toString("base64url"),
        attestationObject: Buffer.from(attestationObject).toString("base64url"),
        authenticatorData: authenticatorData.toString("base64url"),
        transports: ["internal"],
        publicKeyAlgorithm: COSE_ALG_ES256,
        publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64url"),
      },
    };
  }

  /** `navigator.credentials.get()`: signs the challenge with one of its credentials. */
  getAssertion(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    overrides: AssertionOverrides = {},
  ): AuthenticationResponse {
    const credential = this.#pickCredential(options, origin, overrides.credentialId);
    let signCount: number;
    if (overrides.signCount === undefined) {
      credential.signCount += 1;
      signCount = credential.signCount;
    } else {
      signCount = overrides.signCount;
    }
    const authenticatorData = this.#authenticatorDataHead(credential.rpId, overrides, 0, signCount);
    const clientDataJSON = clientData("webauthn.get", options.challenge, origin);
    const signedData = Buffer.concat([authenticatorData, sha256(clientDataJSON)]);
    // ECDSA over SHA-256; node:crypto answers the DER form WebAuthn asks for.
    const signature = sign("sha256", signedData, credential.privateKey);
    return {
      id: credential.id,
      rawId: credential.id,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientDataJSON.toString("base64url"),
        authenticatorData: authenticatorData.toString("base64url"),
        signature: signature.toString("base64url"),
        userHandle: credential.userHandle,
      },
    };
  }

  #pickCredential(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    credentialId: string | undefined,
  ): SoftCredential {
    if (credentialId !== undefined) {
      const chosen = this.#credentials.find((held) => held.id === credentialId);
      if (!chosen) throw new Error(`SoftAuthenticator: no credential ${credentialId}`);
      return chosen;
    }
    const rpId = options.rpId ?? new URL(origin).hostname;
    const allowed = new Set((options.allowCredentials ?? []).map((descriptor) => descriptor.id));
    const candidates = this.#credentials.filter(
      (held) => held.rpId === rpId && (allowed.size === 0 || allowed.has(held.id)),
    );
    const newest = candidates.at(-1);
    if (!newest) throw new Error(`SoftAuthenticator: no credential for ${rpId}`);
    return newest;
  }

  /** rpIdHash | flags | signCount: the 37 bytes every authenticatorData starts with. */
  #authenticatorDataHead(rpId: string, overrides: CeremonyOverrides, extraFlags: number, signCount: number): Buffer {
    let flags = FLAG_USER_PRESENT | extraFlags;
    if (overrides.userVerified ?? true) flags |= FLAG_USER_VERIFIED;
    if (this.#synced) flags |= FLAG_BACKUP_ELIGIBLE | FLAG_BACKED_UP;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(signCount);
    return Buffer.concat([sha256(Buffer.from(rpId, "utf8")), Buffer.from([flags]), counter]);
  }
}

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), "utf8");
}

function sha256(data: Buffer): Buffer {
  return createHash("sha256").update(data).digest();
}

/** A plain Uint8Array (the CBOR encoder wants no Buffer subclass). */
function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length));
}
