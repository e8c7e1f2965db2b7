import { describe, expect, it } from "vitest";
import { isOperationsPath, tokensMatch } from "./operations-endpoints";

describe("tokensMatch (the metrics token check)", () => {
  const token = "a-metrics-token-of-at-least-32-characters";

  it("accepts exactly the token", () => {
    expect(tokensMatch(token, token)).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["a prefix", token.slice(0, -1)],
    ["the last character changed", `${token.slice(0, -1)}X`],
    ["the first character changed", `X${token.slice(1)}`],
    ["one character more", `${token}s`],
    ["another case", token.toUpperCase()],
    ["with a space around it", ` ${token}`],
  ])("refuses %s", (_, presented) => {
    expect(tokensMatch(presented, token)).toBe(false);
  });
});

describe("isOperationsPath", () => {
  it("is /metrics and /livez only (the front door strips the query string first)", () => {
    expect(isOperationsPath("/metrics")).toBe(true);
    expect(isOperationsPath("/livez")).toBe(true);
    for (const path of ["/metrics/", "/livez/x", "/Metrics", "/api/trpc/metrics", "/", "/metricsz"]) {
      expect(isOperationsPath(path), path).toBe(false);
    }
  });
});
