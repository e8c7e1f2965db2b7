import { RawPassword } from "@gatehouse/core";
import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { CommonPasswordPolicy } from "./common-password.policy";

const policy = new CommonPasswordPolicy();
const refused = async (password: string) => (await policy.refusal(RawPassword.create(password))) !== null;

describe("CommonPasswordPolicy", () => {
  it.each([
    "password",
    "12345678",
    "iloveyou",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "qwertyuiop",
    "password1",
  ])("refuses %s", async (password) => {
    expect(await refused(password)).toBe(true);
  });

  it.each(["PASSWORD", "PassWord", "ｐａｓｓｗｏｒｄ", "ＦＯＯＴＢＡＬＬ"])(
    "refuses %s, as it is after NFKC and case folding",
    async (password) => {
      expect(await refused(password)).toBe(true);
    },
  );

  it.each(["correct horse battery", "my cat's name is football", "tr0ub4dor &3 staple", "ʕ•ᴥ•ʔ passwörd"])(
    "accepts %s",
    async (password) => {
      expect(await refused(password)).toBe(false);
    },
  );

  it("says why, in words a person can act on", async () => {
    expect(await policy.refusal(RawPassword.create("password"))).toMatch(/most common/);
  });

  it("refuses every one of the 10 000 most common passwords that the length rule lets through, and more", async () => {
    const list = dictionary["passwords-common"];
    const longEnough = (password: string) => password.length >= 8 && password.length <= 128;
    const top = list.slice(0, 10_000).filter(longEnough);
    expect(top.length).toBeGreaterThan(3_000);
    for (const password of top) expect(await refused(password), password).toBe(true);
    expect(await refused(list.slice(40_000).find(longEnough)!)).toBe(true);
  });
});
