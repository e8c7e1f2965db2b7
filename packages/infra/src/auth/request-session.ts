import type { AccountView, UserId } from "@gatehouse/core";
import type { Session, User } from "lucia";
import type { CookieJar } from "./cookie-jar";
import type { GatehouseLucia } from "./lucia";
import { hashSessionToken, type SessionClient, type SessionStart } from "./prisma-lucia.adapter";

/**
 * The session of one request: read from the cookie once, renewed or cleared through the
 * cookie jar, started on log-in and ended on log-out.
 */
export class RequestSession {
  private current: Promise<Session | null> | null = null;
  private owner: User | null = null;

  constructor(
    private readonly lucia: GatehouseLucia,
    private readonly cookies: CookieJar,
    private readonly client: SessionClient = { ipAddress: null, userAgent: null },
  ) {}

  /** The valid session of this request, or null. Validated at most once per request. */
  get(): Promise<Session | null> {
    this.current ??= this.validate();
    return this.current;
  }

  async userId(): Promise<UserId | null> {
    return ((await this.get())?.userId as UserId | undefined) ?? null;
  }

  /**
   * The session owner's account as the session check read it in this request (an identity
   * map of one), or null when there is no session or it was started in this request.
   */
  async account(): Promise<AccountView | null> {
    const session = await this.get();
    const owner = this.owner;
    if (!session || !owner || owner.id !== session.userId) return null;
    return owner.account;
  }

  /** The stored (hashed) id of this request's session, or null. */
  async storedId(): Promise<string | null> {
    const session = await this.get();
    return session ? hashSessionToken(session.id) : null;
  }

  /** Starts a session for the user as the log-in read them (see PrismaLuciaAdapter.setSession). */
  async start(user: { id: UserId; version: number }): Promise<void> {
    const start: SessionStart = { ...this.client, userVersion: user.version };
    const session = await this.lucia.createSession(user.id, start);
    this.cookies.set(this.lucia.createSessionCookie(session.id).serialize());
    this.current = Promise.resolve(session);
  }

  async end(): Promise<void> {
    const session = await this.get();
    if (session) await this.lucia.invalidateSession(session.id);
    this.cookies.set(this.lucia.createBlankSessionCookie().serialize());
    this.current = Promise.resolve(null);
  }

  private async validate(): Promise<Session | null> {
    const token = this.cookies.get(this.lucia.sessionCookieName);
    if (!token) return null;
    const { session, user } = await this.lucia.validateSession(token);
    this.owner = user;
    if (!session) {
      this.cookies.set(this.lucia.createBlankSessionCookie().serialize());
      return null;
    }
    if (session.fresh) this.cookies.set(this.lucia.createSessionCookie(session.id).serialize());
    return session;
  }
}
