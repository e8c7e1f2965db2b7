import { NotAuthenticatedError, type IdentityProvider, type UserId } from "@gatehouse/core";
import type { RequestSession } from "../request-session";

/** The caller is whoever owns the request's valid session cookie. */
export class SessionIdentityProvider implements IdentityProvider {
  constructor(private readonly session: RequestSession) {}

  async currentUserId(): Promise<UserId> {
    const userId = await this.session.userId();
    if (!userId) throw new NotAuthenticatedError();
    return userId;
  }

  async isAuthenticated(): Promise<boolean> {
    return (await this.session.userId()) !== null;
  }
}
