import { parsePasskeyId, parsePasskeyName } from "../../domain/passkey/passkey";
import type { CurrentUser } from "../common/current-user";
import { validateFields } from "../common/validate-fields";
import { PasskeyNotFoundError } from "../errors/application-error";
import type { PasskeyStore } from "../ports/passkey-store.port";

/** The caller renames one of their passkeys. */
export class RenamePasskeyInteractor {
  constructor(private readonly deps: { currentUser: CurrentUser; passkeys: PasskeyStore }) {}

  async execute(request: { passkeyId: string; name: string }): Promise<{ ok: true }> {
    const { currentUser, passkeys } = this.deps;
    const user = await currentUser.getForEnrolment();
    const { passkeyId, name } = validateFields({
      passkeyId: () => parsePasskeyId(request.passkeyId),
      name: () => parsePasskeyName(request.name),
    });
    // Another user's passkey id answers exactly like an unknown one.
    if (!(await passkeys.rename(user.id, passkeyId, name))) throw new PasskeyNotFoundError();
    return { ok: true };
  }
}
