import type { UserId } from "@gatehouse/core";
import type { Session } from "lucia";
import type { CookieJar } from "./cookie-jar";
import type { GatehouseLucia } from "./lucia";
import { hashSessionToken, type SessionClient } from "./prisma-lucia.adapter";

/**
 * The session of one request: read from the cookie once, renewed or cleared through the
 * cookie jar, started on log-in and ended on log-out.
 */
export class RequestSession {
  private current: Promise<Session | null> | null = null;

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

  /** The stored (hashed) id of this request's session, or null. */
  async storedId(): Promise<string | null> {
    const session = await this.get();
    return session ? hashSessionToken(session.id) : null;
  }

  async start(userId: UserId): Promise<void> {
    const session = await this.lucia.createSession(userId, { ...this.client });
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
    const token = this.cookies.header ? this.lucia.readSessionCookie(this.cookies.header) : null;
    if (!token) return null;
    const { session } = await this.lucia.validateSession(token);
    if (!session) {
      this.cookies.set(this.lucia.createBlankSessionCookie().serialize());
      return null;
    }
    if (session.fresh) this.cookies.set(this.lucia.createSessionCookie(session.id).serialize());
    return session;
  }
}
