import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../errors/domain-error";
import { RECOVERY_CODE_ALPHABET, RecoveryCode, TotpCode, parseSecondFactorProof } from "./one-time-code.value-object";

const TOTP_MESSAGE = "Enter the 6-digit code from your authenticator app.";
const RECOVERY_MESSAGE = "Enter one of your recovery codes (24 letters and digits, dashes optional).";
const EITHER_MESSAGE = "Enter the 6-digit code from your authenticator app, or one of your recovery codes.";

describe("TotpCode", () => {
  it.each([
    ["123456", "123456"],
    ["000000", "000000"],
    ["123 456", "123456"],
    [" 12 34 56 ", "123456"],
    ["\t123456\n", "123456"],
  ])("takes %j as %s", (input, value) => {
    expect(TotpCode.create(input).value).toBe(value);
  });

  it.each([
    ["five digits", "12345"],
    ["seven digits", "1234567"],
    ["a letter before the digits", "a123456"],
    ["a letter after the digits", "123456a"],
    ["a letter among the digits", "123a56"],
    ["dashes", "123-456"],
    ["nothing", ""],
  ])("refuses %s", (_label, input) => {
    expect(() => TotpCode.create(input)).toThrow(new DomainValidationError(TOTP_MESSAGE));
  });
});

describe("RecoveryCode", () => {
  it("is 24 characters of RFC 4648 base32, lower case", () => {
    expect(RECOVERY_CODE_ALPHABET).toBe("abcdefghijklmnopqrstuvwxyz234567");
    expect(RecoveryCode.create("abcdefghijklmnopqrstuvwx").value).toBe("abcdefghijklmnopqrstuvwx");
    expect(RecoveryCode.create("yz2345672345672345672345").value).toBe("yz2345672345672345672345");
  });

  it.each([
    ["as shown", "abcdef-ghijkl-mnopqr-stuvwx"],
    ["in capitals", "ABCDEF-GHIJKL-MNOPQR-STUVWX"],
    ["with spaces for dashes", "abcdef ghijkl mnopqr stuvwx"],
    ["run together", "abcdefghijklmnopqrstuvwx"],
    ["with stray spaces and dashes", " abc-def--ghijklmnopqr stu vwx\t"],
  ])("reads a code typed %s", (_label, input) => {
    expect(RecoveryCode.create(input).value).toBe("abcdefghijklmnopqrstuvwx");
  });

  it.each([
    ["a code one character short", "abcdef-ghijkl-mnopqr-stuvw"],
    ["a code one character long", "abcdef-ghijkl-mnopqr-stuvwxy"],
    ["0, which base32 leaves out", "abcdef-ghijkl-mnopqr-stuvw0"],
    ["1, which base32 leaves out", "1bcdef-ghijkl-mnopqr-stuvwx"],
    ["8, which base32 leaves out", "abcdef-ghijkl-8nopqr-stuvwx"],
    ["9, which base32 leaves out", "abcdef-ghijkl-mnopqr-stuv9x"],
    ["underscores", "abcdef_ghijkl_mnopqr_stuvwx"],
    ["a letter outside ASCII", "abcdéf-ghijkl-mnopqr-stuvwx"],
    ["nothing", ""],
  ])("refuses %s", (_label, input) => {
    expect(() => RecoveryCode.create(input)).toThrow(new DomainValidationError(RECOVERY_MESSAGE));
  });

  it("shows its canonical form in four groups of six", () => {
    expect(RecoveryCode.create("ABCDEFGHIJKLMNOPQRSTUVWX").display).toBe("abcdef-ghijkl-mnopqr-stuvwx");
    expect(RecoveryCode.create("a b c d e f g h i j k l m n o p q r s t u v w x").display).toBe(
      "abcdef-ghijkl-mnopqr-stuvwx",
    );
  });

  it("reads back what it shows", () => {
    const code = RecoveryCode.create("234567abcdef234567abcdef");
    expect(RecoveryCode.create(code.display).value).toBe(code.value);
  });
});

describe("parseSecondFactorProof", () => {
  it.each([
    ["123456", "123456"],
    ["123 456", "123456"],
    ["123-456", "123456"],
    [" 12-34 56 ", "123456"],
  ])("reads six digits %j as an app's code", (input, value) => {
    const proof = parseSecondFactorProof(input);
    expect(proof.kind).toBe("totp");
    expect(proof.code).toBeInstanceOf(TotpCode);
    expect(proof.code.value).toBe(value);
  });

  it.each([
    ["abcdef-ghijkl-mnopqr-stuvwx", "abcdefghijklmnopqrstuvwx"],
    ["ABCDEF GHIJKL MNOPQR STUVWX", "abcdefghijklmnopqrstuvwx"],
    // All digits, but 24 of them: a recovery code, not an app's code.
    ["234567-234567-234567-234567", "234567234567234567234567"],
  ])("reads anything else %j as a recovery code", (input, value) => {
    const proof = parseSecondFactorProof(input);
    expect(proof.kind).toBe("recovery");
    expect(proof.code).toBeInstanceOf(RecoveryCode);
    expect(proof.code.value).toBe(value);
  });

  it.each([
    ["five digits", "12345"],
    ["seven digits", "1234567"],
    ["a letter before six digits", "a123456"],
    ["a letter after six digits", "123456a"],
    ["a recovery code one character short", "abcdef-ghijkl-mnopqr-stuvw"],
    ["nothing", ""],
  ])("names both kinds when given %s", (_label, input) => {
    expect(() => parseSecondFactorProof(input)).toThrow(new DomainValidationError(EITHER_MESSAGE));
  });
});
