import type { CookieJar } from "@gatehouse/infra";

/** Browsers keep no cookie longer than this (name and value): anything longer is not one of ours. */
const MAX_COOKIE_BYTES = 4096;

/**
 * The request's cookies, read tolerantly from the `Cookie` header, and a sink for the
 * response's `Set-Cookie` headers.
 *
 * Reading never throws, whatever the header holds: another app on a sibling subdomain or on
 * localhost can set any cookie in a browser, and one bad cookie must not break every page.
 * Values are not percent-decoded (none of ours is encoded), a name sent twice is ambiguous
 * and reads as absent, and so does an oversized value. Set-Cookie values are kept one per
 * cookie name, the last one winning, so that calls of one batch that renew the same session
 * send it once.
 */
export class RequestCookies implements CookieJar {
  private parsed: Map<string, string | null> | null = null;
  private readonly outgoing = new Map<string, string>();

  constructor(private readonly header: string | undefined | null) {}

  get(name: string): string | null {
    this.parsed ??= parseCookieHeader(this.header);
    return this.parsed.get(name) ?? null;
  }

  set(serializedCookie: string): void {
    this.outgoing.set(serializedCookie.slice(0, serializedCookie.indexOf("=")), serializedCookie);
  }

  /** The `Set-Cookie` values to send. */
  toSend(): string[] {
    return [...this.outgoing.values()];
  }
}

function parseCookieHeader(header: string | undefined | null): Map<string, string | null> {
  const cookies = new Map<string, string | null>();
  if (!header) return cookies;
  for (const pair of header.split(";")) {
    const equals = pair.indexOf("=");
    if (equals === -1) continue;
    const name = pair.slice(0, equals).trim();
    let value = pair.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!name) continue;
    const usable = name.length + value.length <= MAX_COOKIE_BYTES && value !== "";
    cookies.set(name, cookies.has(name) || !usable ? null : value);
  }
  return cookies;
}
