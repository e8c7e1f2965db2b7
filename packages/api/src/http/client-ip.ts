/**
 * The client's IP address for throttling.
 *
 * `remoteAddress` is the TCP peer when the server knows it (the Node bridge). Next.js does
 * not expose it to route handlers; instead it writes the peer into X-Forwarded-For when the
 * request arrives without one. `trustProxy` is how many reverse proxies in front of us
 * append to X-Forwarded-For: the client is that many hops from the right. Without a trusted
 * proxy a client can write its own X-Forwarded-For; the per-account budget, which it cannot
 * forge, still holds.
 */
export function resolveClientIp(headers: Headers, remoteAddress: string | undefined, trustProxy: number): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const hops = remoteAddress ? [...forwarded, remoteAddress] : forwarded;
  const fromRight = remoteAddress ? trustProxy : Math.max(trustProxy - 1, 0);
  const ip = hops[Math.max(hops.length - 1 - fromRight, 0)];
  return ip ? ip.replace(/^::ffff:/, "") : "unknown";
}
