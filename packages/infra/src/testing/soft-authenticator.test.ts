import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from "@simplewebauthn/server";
import { describe, expect, it } from "vitest";
import { SoftAuthenticator } from "./soft-authenticator";

const ORIGIN = "http://localhost:3000";
const RP_ID = "localhost";
const PHISHING_ORIGIN = "http://localhost.evil.test:3000";

async function registrationOptions(excludeCredentials: { id: string }[] = []) {
  return generateRegistrationOptions({
    rpName: "Gatehouse",
    rpID: RP_ID,
    userName: "alice",
    userID: new TextEncoder().encode("user-alice"),
    attestationType: "none",
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    excludeCredentials,
  });
}

async function registered(authenticator = new SoftAuthenticator()) {
  const options = await registrationOptions();
  const response = authenticator.createCredential(options, ORIGIN);
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    requireUserVerification: true,
  });
  if (!verification.verified) throw new Error("the registration did not verify");
  return { authenticator, options, verification, credential: verification.registrationInfo.credential };
}

async function verifyLogIn(
  credential: WebAuthnCredential,
  answer: (
    options: Awaited<ReturnType<typeof generateAuthenticationOptions>>,
  ) => Parameters<typeof verifyAuthenticationResponse>[0]["response"],
) {
  const options = await generateAuthenticationOptions({ rpID: RP_ID, userVerification: "required" });
  return verifyAuthenticationResponse({
    response: answer(options),
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    credential,
    requireUserVerification: true,
  });
}

describe("SoftAuthenticator", () => {
  it("makes a discoverable ES256 credential that verifies, with attestation none", async () => {
    const { authenticator, options, verification } = await registered();
    const info = verification.registrationInfo;
    expect(info.fmt).toBe("none");
    expect(info.userVerified).toBe(true);
    expect(info.credentialDeviceType).toBe("singleDevice");
    expect(info.credentialBackedUp).toBe(false);
    expect(info.credential.counter).toBe(0);
    expect(authenticator.credentials).toEqual([
      expect.objectContaining({ id: info.credential.id, rpId: RP_ID, userHandle: options.user.id, signCount: 0 }),
    ]);
  });

  it("signs a log-in that verifies, answers the user handle, and moves the counter each time", async () => {
    const { authenticator, options: creation, credential } = await registered();
    let handle: string | undefined;
    const first = await verifyLogIn(credential, (options) => {
      const response = authenticator.getAssertion(options, ORIGIN);
      handle = response.response.userHandle;
      return response;
    });
    expect(first.verified).toBe(true);
    expect(first.authenticationInfo).toMatchObject({ newCounter: 1, userVerified: true, credentialID: credential.id });
    expect(handle).toBe(creation.user.id);

    const second = await verifyLogIn({ ...credential, counter: 1 }, (options) =>
      authenticator.getAssertion(options, ORIGIN),
    );
    expect(second.authenticationInfo.newCounter).toBe(2);
  });

  it("reports a synced passkey as backed up when configured so", async () => {
    const { verification, authenticator, credential } = await registered(new SoftAuthenticator({ synced: true }));
    expect(verification.registrationInfo.credentialDeviceType).toBe("multiDevice");
    expect(verification.registrationInfo.credentialBackedUp).toBe(true);
    const logIn = await verifyLogIn(credential, (options) => authenticator.getAssertion(options, ORIGIN));
    expect(logIn.authenticationInfo.credentialBackedUp).toBe(true);
  });

  it("answers with the credential asked for, and refuses to make one it already holds", async () => {
    const { authenticator, credential: first } = await registered();
    const secondOptions = await registrationOptions();
    authenticator.createCredential(secondOptions, ORIGIN);
    const logIn = await verifyLogIn(first, (options) =>
      authenticator.getAssertion(options, ORIGIN, { credentialId: first.id }),
    );
    expect(logIn.verified).toBe(true);
    expect(() => authenticator.getAssertion({ challenge: "x" }, ORIGIN, { credentialId: "unknown" })).toThrow();
    expect(() => authenticator.getAssertion({ challenge: "x" }, "http://elsewhere.test")).toThrow();

    const excluding = await registrationOptions([{ id: first.id }]);
    expect(() => authenticator.createCredential(excluding, ORIGIN)).toThrow(/excludeCredentials/);
  });

  it("misbehaves on request: another origin or no user verification fails either ceremony", async () => {
    const options = await registrationOptions();
    const verifyRegistration = (response: ReturnType<SoftAuthenticator["createCredential"]>) =>
      verifyRegistrationResponse({
        response,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        requireUserVerification: true,
      });
    await expect(
      verifyRegistration(new SoftAuthenticator().createCredential(options, PHISHING_ORIGIN)),
    ).rejects.toThrow(/origin/i);
    await expect(
      verifyRegistration(new SoftAuthenticator().createCredential(options, ORIGIN, { userVerified: false })),
    ).rejects.toThrow(/verif/i);

    const { authenticator, credential } = await registered();
    await expect(
      verifyLogIn(credential, (request) => authenticator.getAssertion(request, PHISHING_ORIGIN)),
    ).rejects.toThrow(/origin/i);
    await expect(
      verifyLogIn(credential, (request) => authenticator.getAssertion(request, ORIGIN, { userVerified: false })),
    ).rejects.toThrow(/verif/i);
  });

  it("misbehaves on request: a counter that does not move or goes back fails", async () => {
    const { authenticator, credential } = await registered();
    await verifyLogIn(credential, (options) => authenticator.getAssertion(options, ORIGIN));
    await verifyLogIn({ ...credential, counter: 1 }, (options) => authenticator.getAssertion(options, ORIGIN));
    const stored = { ...credential, counter: 2 };
    await expect(
      verifyLogIn(stored, (options) => authenticator.getAssertion(options, ORIGIN, { signCount: 2 })),
    ).rejects.toThrow(/counter/i);
    await expect(
      verifyLogIn(stored, (options) => authenticator.getAssertion(options, ORIGIN, { signCount: 1 })),
    ).rejects.toThrow(/counter/i);
    // the overrides did not move the stored counter: the next honest assertion still verifies
    const honest = await verifyLogIn(stored, (options) => authenticator.getAssertion(options, ORIGIN));
    expect(honest.authenticationInfo.newCounter).toBe(3);
  });
});
