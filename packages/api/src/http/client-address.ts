import { isIP } from "node:net";

/**
 * The client's address as this server can know it.
 *
 * Without a trusted proxy (`TRUST_PROXY` unset) it is the TCP peer, whatever X-Forwarded-For
 * says: the client writes that header itself. Behind `trustedProxies` reverse proxies, each
 * of which appends the address it received the request from, the client is that many hops
 * from the right of `X-Forwarded-For, peer`; hops further left were written by the client
 * and are never believed. (With fewer hops than proxies, the leftmost one is taken, as
 * Express does.)
 *
 * The answer is always an IP address (`net.isIP`), IPv4-mapped IPv6 written as IPv4: a hop
 * that is not an address is not believed, and the peer is used instead. Null only when the
 * socket has already gone.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: number,
): string | null {
  const peerAddress = asAddress(peer);
  if (trustedProxies === 0 || !forwardedFor) return peerAddress;
  const hops = forwardedFor.split(",");
  const hop = hops[Math.max(hops.length - trustedProxies, 0)]!.trim();
  return asAddress(hop) ?? peerAddress;
}

function asAddress(candidate: string | undefined): string | null {
  if (!candidate || isIP(candidate) === 0) return null;
  return candidate.startsWith("::ffff:") && isIP(candidate.slice(7)) === 4 ? candidate.slice(7) : candidate;
}
