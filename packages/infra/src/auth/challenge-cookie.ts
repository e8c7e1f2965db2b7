import { serializeCookie } from "oslo/cookie";
import type { CookieJar } from "./cookie-jar";
import { hashSessionToken } from "./prisma-lucia.adapter";

/**
 * The cookie that binds a challenge (a log-in's second step, a WebAuthn ceremony) to the
 * browser it was given to: a random token, HttpOnly and SameSite=Lax like the session cookie
 * (`Secure` with the `__Host-` prefix on an https origin), whose SHA-256 keys the challenge's
 * row, so a leaked table answers no challenge.
 */
export class ChallengeCookie {
  constructor(
    private readonly cookies: CookieJar,
    private readonly name: string,
    private readonly secure: boolean,
  ) {}

  /** `gatehouse_<name>`, with the `__Host-` prefix on an https origin. */
  static nameFor(name: string, { secureCookies }: { secureCookies: boolean }): string {
    return secureCookies ? `__Host-gatehouse_${name}` : `gatehouse_${name}`;
  }

  /** The row id of the browser's challenge (SHA-256 of its token), or null without one. */
  storedId(): string | null {
    const token = this.cookies.get(this.name);
    return token ? hashSessionToken(token) : null;
  }

  /** Gives the browser `token` for `maxAgeSeconds`. */
  give(token: string, maxAgeSeconds: number): void {
    this.write(token, maxAgeSeconds);
  }

  /** Tells the browser to drop it. */
  clear(): void {
    this.write("", 0);
  }

  private write(value: string, maxAge: number): void {
    this.cookies.set(
      serializeCookie(this.name, value, { httpOnly: true, sameSite: "lax", path: "/", secure: this.secure, maxAge }),
    );
  }
}
