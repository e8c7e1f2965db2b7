import { UAParser } from "ua-parser-js";

/** What ua-parser-js calls a system, where people say it otherwise. */
const SYSTEM_NAMES: Readonly<Record<string, string>> = { "Mac OS": "macOS", "Chromium OS": "ChromeOS" };

/**
 * The browser and system of a session as a person says them: "Chrome 131 on Linux". A user
 * agent no rule recognises (empty, a script's "curl/8.5.0") is an "Unknown browser".
 */
export function describeUserAgent(userAgent: string | null): string {
  const raw = userAgent?.trim();
  if (!raw) return "Unknown browser";
  const parser = new UAParser(raw);
  const browser = parser.getBrowser();
  const system = parser.getOS().name;
  const name = browser.name ? [browser.name, browser.major].filter(Boolean).join(" ") : "Unknown browser";
  return system ? `${name} on ${SYSTEM_NAMES[system] ?? system}` : name;
}

// The server's own loopback, as Node names the peer of a socket: ::1, 127.0.0.0/8, and the
// same IPv4 addresses mapped into IPv6 (a dual-stack listener's view of 127.0.0.1).
const LOOPBACK = /^(?:::1|(?:::ffff:)?127(?:\.\d{1,3}){3})$/i;

/** A session's address as a person reads it: the loopback is "this machine". */
export function describeAddress(ipAddress: string | null): string {
  if (!ipAddress) return "unknown address";
  return LOOPBACK.test(ipAddress) ? "this machine" : ipAddress;
}
