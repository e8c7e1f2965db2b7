import { NotAuthenticatedError, type IdentityProvider, type UserId } from "@gatehouse/core";
import type { RequestSession } from "../request-session";

/** What a request is authenticated by: its session cookie, or an API key (ApiKeyCaller). */
export type RequestCredential = Pick<RequestSession, "userId" | "account">;

/** The caller is whoever owns the request's credential: a valid session cookie, or a live API key. */
export class SessionIdentityProvider implements IdentityProvider {
  constructor(private readonly session: RequestCredential) {}

  async currentUserId(): Promise<UserId> {
    const userId = await this.session.userId();
    if (!userId) throw new NotAuthenticatedError();
    return userId;
  }

  async isAuthenticated(): Promise<boolean> {
    return (await this.session.userId()) !== null;
  }
}
