import type { CurrentUser } from "../common/current-user";
import type { PasswordConfirmation } from "../common/password-confirmation";
import type { PasskeyChallenges } from "../ports/passkey-challenges.port";
import type { PasskeyStore } from "../ports/passkey-store.port";
import type { PasskeyVerifier, WebAuthnOptionsJson } from "../ports/passkey-verifier.port";

/**
 * The caller starts adding a passkey: their password first (counted against the account's
 * budget, see PasswordConfirmation), then a registration challenge bound to them and the
 * options for their browser, which exclude the authenticators they already registered.
 * Allowed before the enrolment REQUIRE_MFA asks for: a passkey satisfies it.
 */
export class BeginPasskeyRegistrationInteractor {
  constructor(
    private readonly deps: {
      currentUser: CurrentUser;
      confirmation: PasswordConfirmation;
      passkeys: PasskeyStore;
      challenges: PasskeyChallenges;
      verifier: PasskeyVerifier;
    },
  ) {}

  async execute(request: { password: string }): Promise<WebAuthnOptionsJson> {
    const { currentUser, confirmation, passkeys, challenges, verifier } = this.deps;
    const user = await currentUser.getForEnrolment();
    await confirmation.confirm(user, request.password);
    const challenge = await challenges.issue("registration", user.id);
    return verifier.registrationOptions(user, challenge, await passkeys.credentialsOf(user.id));
  }
}
