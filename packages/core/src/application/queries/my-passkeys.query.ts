import type { CurrentUser } from "../common/current-user";
import type { PasskeyStore, PasskeyView } from "../ports/passkey-store.port";

/** The caller's passkeys (also while they are still setting up the second factor REQUIRE_MFA asks for). */
export class MyPasskeysQuery {
  constructor(private readonly deps: { currentUser: CurrentUser; passkeys: PasskeyStore }) {}

  async execute(): Promise<PasskeyView[]> {
    const user = await this.deps.currentUser.getForEnrolment();
    return this.deps.passkeys.listOf(user.id);
  }
}
