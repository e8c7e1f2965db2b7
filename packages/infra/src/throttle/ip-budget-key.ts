import ipaddr from "ipaddr.js";

/**
 * The key of a client address's per-IP budget. An IPv4 address counts as itself. An IPv6
 * address counts by its /64: one subscriber normally holds a whole /64 and could otherwise
 * spend a fresh budget from each of its 2^64 addresses. `null` (an address the server could
 * not learn) shares one budget.
 */
export function ipBudgetKey(clientIp: string | null): string {
  if (!clientIp) return "unknown";
  if (!ipaddr.IPv6.isValid(clientIp)) return clientIp;
  const address = ipaddr.IPv6.parse(clientIp);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  return `${address.parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(":")}::/64`;
}
