import { AlreadyAuthenticatedError } from "../errors/application-error";
import type { IdentityProvider } from "../ports/identity-provider.port";
import type { PasskeyChallenges } from "../ports/passkey-challenges.port";
import type { PasskeyVerifier, WebAuthnOptionsJson } from "../ports/passkey-verifier.port";

/**
 * Anyone starts a log-in with a passkey: a log-in challenge bound to their browser, and options
 * that name no credential, so the device offers whichever passkeys it holds for this site
 * (no username is typed, and none is revealed).
 */
export class BeginPasskeyLogInInteractor {
  constructor(
    private readonly deps: { identity: IdentityProvider; challenges: PasskeyChallenges; verifier: PasskeyVerifier },
  ) {}

  async execute(): Promise<WebAuthnOptionsJson> {
    const { identity, challenges, verifier } = this.deps;
    if (await identity.isAuthenticated()) throw new AlreadyAuthenticatedError();
    return verifier.logInOptions(await challenges.issue("log-in", null));
  }
}
