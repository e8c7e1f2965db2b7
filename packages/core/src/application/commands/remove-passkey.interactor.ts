import { parsePasskeyId } from "../../domain/passkey/passkey";
import type { Clock } from "../../domain/ports/clock.port";
import type { CurrentUser } from "../common/current-user";
import type { PasswordConfirmation } from "../common/password-confirmation";
import type { UserWrites } from "../common/user-writes";
import { validateFields } from "../common/validate-fields";
import { PasskeyNotFoundError } from "../errors/application-error";
import type { MfaEnrolment } from "../mfa/mfa-enrolment";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { PasskeyStore } from "../ports/passkey-store.port";

/**
 * The caller removes one of their passkeys (a lost or replaced device), with their password.
 * It stops working at once and every other session of theirs ends: one that device holds
 * goes too. Refused when REQUIRE_MFA applies and it is the last second factor they have.
 */
export class RemovePasskeyInteractor {
  constructor(
    private readonly deps: UserWrites & {
      currentUser: CurrentUser;
      confirmation: PasswordConfirmation;
      enrolment: MfaEnrolment;
      passkeys: PasskeyStore;
      accessRevoker: AccessRevoker;
      clock: Clock;
    },
  ) {}

  async execute(request: { passkeyId: string; password: string }): Promise<{ ok: true }> {
    const { currentUser, confirmation, enrolment, passkeys, accessRevoker, clock, users, transactions, audit } =
      this.deps;
    const user = await currentUser.getForEnrolment();
    const { passkeyId } = validateFields({ passkeyId: () => parsePasskeyId(request.passkeyId) });
    await confirmation.confirm(user, request.password);
    if (!(await passkeys.listOf(user.id)).some((passkey) => passkey.id === passkeyId)) {
      // Another user's passkey id answers exactly like an unknown one.
      throw new PasskeyNotFoundError();
    }
    await enrolment.assertMayRemove(user, "passkey");

    user.markFactorsChanged(clock.now());
    await transactions.run(async () => {
      users.update(user);
      if (!(await passkeys.remove(user.id, passkeyId))) throw new PasskeyNotFoundError();
      await accessRevoker.revokeOtherSessions(user.id);
      audit.record({ type: "passkey.removed", actorId: user.id, targetId: user.id });
    });
    return { ok: true };
  }
}
