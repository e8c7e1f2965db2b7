// The words for a session's browser and address (src/lib/session-client.ts), no app needed.
import { describe, expect, it } from "vitest";
import { describeAddress, describeUserAgent } from "../src/lib/session-client";

describe("describeUserAgent", () => {
  it.each([
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Chrome 131 on Linux",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
      "Safari 17 on macOS",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
      "Mobile Safari 17 on iOS",
    ],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133 on Windows"],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "Chrome 131 on Android",
    ],
  ])("names %s as %s", (userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toBe(expected);
  });

  it.each([[null], [""], ["   "], ["curl/8.5.0"], ["node"]])("calls %j an unknown browser", (userAgent) => {
    expect(describeUserAgent(userAgent)).toBe("Unknown browser");
  });

  it("names the system even when the browser is unknown", () => {
    expect(describeUserAgent("SomeBot/1.0 (X11; Linux x86_64)")).toBe("Unknown browser on Linux");
  });
});

describe("describeAddress", () => {
  it.each(["::1", "127.0.0.1", "127.12.0.9", "::ffff:127.0.0.1", "::FFFF:127.0.0.1"])(
    "calls the loopback %s this machine",
    (address) => {
      expect(describeAddress(address)).toBe("this machine");
    },
  );

  it.each(["203.0.113.7", "2001:db8::1", "::ffff:203.0.113.7", "10.0.0.1", "1127.0.0.1"])(
    "shows any other address, %s, as it is",
    (address) => {
      expect(describeAddress(address)).toBe(address);
    },
  );

  it("says when there is no address", () => {
    expect(describeAddress(null)).toBe("unknown address");
  });
});
