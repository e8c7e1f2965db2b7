import { describe, expect, it } from "vitest";
import { RequestCookies } from "./cookies";

const read = (header: string | undefined, name = "gatehouse_session") => new RequestCookies(header).get(name);

describe("RequestCookies", () => {
  it("reads a cookie among others", () => {
    expect(read("theme=dark; gatehouse_session=abc123; lang=en")).toBe("abc123");
    expect(read('gatehouse_session="abc123"')).toBe("abc123");
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["a bad percent-escape in another cookie", "x=%; gatehouse_session=abc%zz"],
    ["the cookie sent twice", "gatehouse_session=abc123; gatehouse_session=def456"],
    ["an oversized value", `gatehouse_session=${"a".repeat(5000)}`],
    ["an empty value", "gatehouse_session="],
    ["pairs without =", "gatehouse_session; ;;="],
    ["control characters and non-ASCII", "gatehouse_session\u0001=\u00ff\u00fe; ☃=☃"],
  ])("never throws on %s", (_, header) => {
    expect(() => read(header)).not.toThrow();
  });

  it("reads a name sent twice, an oversized value and an empty one as absent", () => {
    expect(read("gatehouse_session=abc123; gatehouse_session=def456")).toBeNull();
    expect(read(`gatehouse_session=${"a".repeat(5000)}`)).toBeNull();
    expect(read("gatehouse_session=")).toBeNull();
  });

  it("keeps a percent-escape as it was sent, and other cookies' bad escapes do not matter", () => {
    expect(read("x=%; gatehouse_session=abc123")).toBe("abc123");
    expect(read("gatehouse_session=abc%zz")).toBe("abc%zz");
  });

  it("sends one Set-Cookie per cookie name, the last one set", () => {
    const cookies = new RequestCookies(undefined);
    cookies.set("gatehouse_session=one; Path=/");
    cookies.set("other=x; Path=/");
    cookies.set("gatehouse_session=two; Path=/");
    expect(cookies.toSend()).toEqual(["gatehouse_session=two; Path=/", "other=x; Path=/"]);
  });
});
