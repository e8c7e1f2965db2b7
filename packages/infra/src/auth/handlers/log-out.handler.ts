import type { IdentityProvider } from "@gatehouse/core";
import type { RequestSession } from "../request-session";

/** Ends the caller's current session and clears its cookie. */
export class LogOutHandler {
  constructor(
    private readonly identity: IdentityProvider,
    private readonly session: RequestSession,
  ) {}

  async execute(): Promise<{ ok: true }> {
    await this.identity.currentUserId(); // NOT_AUTHENTICATED when there is nothing to end
    await this.session.end();
    return { ok: true };
  }
}
