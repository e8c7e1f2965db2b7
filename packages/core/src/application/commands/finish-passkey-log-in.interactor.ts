import type { Clock } from "../../domain/ports/clock.port";
import type { User } from "../../domain/user/user.entity";
import { AccountInactiveError, AlreadyAuthenticatedError, PasskeyRejectedError } from "../errors/application-error";
import type { AuditLog } from "../ports/audit-log.port";
import type { IdentityProvider } from "../ports/identity-provider.port";
import type { PasskeyChallenges } from "../ports/passkey-challenges.port";
import type { PasskeyStore } from "../ports/passkey-store.port";
import type { PasskeyVerifier } from "../ports/passkey-verifier.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

/**
 * The caller's device signed the log-in challenge with a passkey. It counts when the signature
 * verifies against the challenge this caller was given (which it ends: single use), with user
 * verification, and the signature counter moved on as the library requires; the new counter
 * is stored only if no other request stored one meanwhile, so one assertion logs in once.
 * With user verification the passkey is two factors by itself: no code is asked for.
 * Returns the user a session may now be started for.
 */
export class FinishPasskeyLogInInteractor {
  constructor(
    private readonly deps: {
      identity: IdentityProvider;
      users: UserDataMapper;
      passkeys: PasskeyStore;
      challenges: PasskeyChallenges;
      verifier: PasskeyVerifier;
      clock: Clock;
      audit: AuditLog;
    },
  ) {}

  async execute(request: { response: unknown }): Promise<{ user: User }> {
    const { identity, users, passkeys, challenges, verifier, clock, audit } = this.deps;
    if (await identity.isAuthenticated()) throw new AlreadyAuthenticatedError();
    const challenge = await challenges.take("log-in");
    const credentialId = verifier.credentialIdOf(request.response);
    const passkey = challenge && credentialId !== null ? await passkeys.findByCredentialId(credentialId) : null;
    if (!challenge || !passkey) throw new PasskeyRejectedError();

    const failed = { type: "user.login_failed", actorId: null, targetId: passkey.userId, method: "passkey" } as const;
    try {
      const verified = await verifier.verifyLogIn(request.response, challenge, passkey);
      const use = { previousCounter: passkey.counter, ...verified, at: clock.now() };
      if (!(await passkeys.recordUse(passkey.id, use))) throw new PasskeyRejectedError();
    } catch (error) {
      if (error instanceof PasskeyRejectedError) await audit.recordNow(failed);
      throw error;
    }
    const user = await users.readById(passkey.userId);
    if (!user) throw new PasskeyRejectedError(); // removed meanwhile
    if (!user.isActive) {
      await audit.recordNow(failed);
      throw new AccountInactiveError();
    }
    return { user };
  }
}
