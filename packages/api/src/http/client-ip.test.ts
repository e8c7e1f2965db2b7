import { describe, expect, it } from "vitest";
import { resolveClientIp } from "./client-ip";

const headers = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

describe("resolveClientIp", () => {
  it.each([
    // [X-Forwarded-For, TCP peer, trusted proxies, client]
    [undefined, "198.51.100.7", 0, "198.51.100.7"],
    ["203.0.113.9", "198.51.100.7", 0, "198.51.100.7"], // no trusted proxy: a client's own header is ignored
    ["203.0.113.9", "10.0.0.2", 1, "203.0.113.9"], // one proxy appended the client
    ["6.6.6.6, 203.0.113.9", "10.0.0.2", 1, "203.0.113.9"], // a forged first hop is not believed
    ["203.0.113.9, 10.0.0.1", "10.0.0.2", 2, "203.0.113.9"],
    [undefined, "::ffff:127.0.0.1", 0, "127.0.0.1"],
    // Next.js: no peer address, but it wrote the peer into X-Forwarded-For when absent
    ["198.51.100.7", undefined, 0, "198.51.100.7"],
    ["203.0.113.9", undefined, 1, "203.0.113.9"],
    ["6.6.6.6, 203.0.113.9", undefined, 1, "203.0.113.9"],
    [undefined, undefined, 0, "unknown"],
  ] as const)("X-Forwarded-For %j, peer %j, %i trusted → %s", (xff, peer, trust, client) => {
    expect(resolveClientIp(headers(xff), peer, trust)).toBe(client);
  });
});
