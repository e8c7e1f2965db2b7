import { parsePasskeyName } from "../../domain/passkey/passkey";
import type { Clock } from "../../domain/ports/clock.port";
import type { IdGenerator } from "../../domain/ports/id-generator.port";
import type { CurrentUser } from "../common/current-user";
import type { UserWrites } from "../common/user-writes";
import { validateFields } from "../common/validate-fields";
import { PasskeyRejectedError } from "../errors/application-error";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { PasskeyChallenges } from "../ports/passkey-challenges.port";
import type { PasskeyStore } from "../ports/passkey-store.port";
import type { PasskeyVerifier } from "../ports/passkey-verifier.port";

/**
 * The caller's authenticator answered the registration challenge: if the answer verifies
 * against the challenge made for this caller (which it ends), the passkey is kept under the
 * name they chose, and every other session of theirs ends (a factor change re-draws who is in).
 */
export class FinishPasskeyRegistrationInteractor {
  constructor(
    private readonly deps: UserWrites & {
      currentUser: CurrentUser;
      passkeys: PasskeyStore;
      challenges: PasskeyChallenges;
      verifier: PasskeyVerifier;
      accessRevoker: AccessRevoker;
      ids: IdGenerator;
      clock: Clock;
    },
  ) {}

  async execute(request: { name: string; response: unknown }): Promise<{ id: string }> {
    const { currentUser, passkeys, challenges, verifier, accessRevoker, ids, clock, users, transactions, audit } =
      this.deps;
    const user = await currentUser.getForEnrolment();
    // Checked before the challenge is taken: a bad name must not spend the ceremony.
    const { name } = validateFields({ name: () => parsePasskeyName(request.name) });
    const challenge = await challenges.take("registration");
    if (!challenge || challenge.userId !== user.id) throw new PasskeyRejectedError();
    const credential = await verifier.verifyRegistration(request.response, challenge);
    // The browser excludes registered authenticators; one that answers anyway is refused.
    if (await passkeys.findByCredentialId(credential.credentialId)) throw new PasskeyRejectedError();

    const now = clock.now();
    const id = ids.next();
    user.markFactorsChanged(now);
    await transactions.run(async () => {
      users.update(user);
      passkeys.add({ ...credential, id, userId: user.id, name, createdAt: now });
      await accessRevoker.revokeOtherSessions(user.id);
      audit.record({ type: "passkey.added", actorId: user.id, targetId: user.id });
    });
    return { id };
  }
}
