import { describeAddress, describeUserAgent } from "../lib/session-client";

/** A session's browser and system ("Chrome 131 on Linux"), the raw user agent on hover. */
export function SessionBrowser({ userAgent }: { userAgent: string | null }) {
  return <span title={userAgent?.trim() || undefined}>{describeUserAgent(userAgent)}</span>;
}

/** A session's address ("this machine" for the loopback), the raw address on hover when it was reworded. */
export function SessionAddress({ ipAddress }: { ipAddress: string | null }) {
  const shown = describeAddress(ipAddress);
  return <span title={ipAddress && shown !== ipAddress ? ipAddress : undefined}>{shown}</span>;
}

/** The same two in words, for a button's accessible name. */
export function describeSessionClient(session: { userAgent: string | null; ipAddress: string | null }): string {
  return `${describeUserAgent(session.userAgent)}, ${describeAddress(session.ipAddress)}`;
}
