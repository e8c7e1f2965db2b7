import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it.each([
    // [TCP peer, X-Forwarded-For, trusted proxies, client]
    ["198.51.100.7", undefined, 0, "198.51.100.7"],
    ["198.51.100.7", "203.0.113.9", 0, "198.51.100.7"], // no trusted proxy: a client's own header is ignored
    ["10.0.0.2", "203.0.113.9", 1, "203.0.113.9"], // one proxy appended the client
    ["10.0.0.2", "6.6.6.6, 203.0.113.9", 1, "203.0.113.9"], // a forged first hop is not believed
    ["10.0.0.2", "6.6.6.6,203.0.113.9", 1, "203.0.113.9"],
    ["10.0.0.2", "203.0.113.9, 10.0.0.1", 2, "203.0.113.9"], // two proxies
    ["10.0.0.2", "203.0.113.9", 3, "203.0.113.9"], // fewer hops than proxies: the leftmost
    ["10.0.0.2", undefined, 1, "10.0.0.2"], // no header through the proxy: the peer
    ["10.0.0.2", "not-an-address", 1, "10.0.0.2"], // a hop that is no address: the peer
    ["10.0.0.2", "203.0.113.9:4711", 1, "10.0.0.2"], // nor is an address with a port
    ["10.0.0.2", "", 1, "10.0.0.2"],
    ["10.0.0.2", "2001:db8::1", 1, "2001:db8::1"],
    ["::ffff:127.0.0.1", undefined, 0, "127.0.0.1"], // IPv4-mapped: written as IPv4
    ["::1", undefined, 0, "::1"],
    ["::ffff:1:2", undefined, 0, "::ffff:1:2"], // ::ffff: followed by no IPv4 address: kept
    ["::abcd:1.2.3.4", undefined, 0, "::abcd:1.2.3.4"], // an embedded IPv4 address, not a mapped one
    [undefined, "203.0.113.9", 0, null], // the socket has gone
  ] as const)("peer %j, X-Forwarded-For %j, %i trusted → %j", (peer, forwardedFor, trusted, client) => {
    expect(clientAddress(peer, forwardedFor, trusted)).toBe(client);
  });
});
