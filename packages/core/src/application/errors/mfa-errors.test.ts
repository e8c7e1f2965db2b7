import { describe, expect, it } from "vitest";
import {
  InvalidMfaCodeError,
  MfaAlreadyEnabledError,
  MfaChallengeExpiredError,
  MfaEnrolmentRequiredError,
  MfaNotEnabledError,
} from "./application-error";

// The two-factor rows of the API's error table: each error has one stable code.
describe("two-factor errors", () => {
  it.each([
    [
      new InvalidMfaCodeError(),
      "INVALID_MFA_CODE",
      "This code is not valid. Codes work once; use the newest one from your app, or a recovery code.",
    ],
    [
      new MfaChallengeExpiredError(),
      "MFA_CHALLENGE_EXPIRED",
      "Your log-in has expired. Log in with your password again.",
    ],
    [new MfaAlreadyEnabledError(), "MFA_ALREADY_ENABLED", "Two-factor authentication is already on."],
    [new MfaNotEnabledError(), "MFA_NOT_ENABLED", "Two-factor authentication is not on."],
    [new MfaNotEnabledError("Start setting up first."), "MFA_NOT_ENABLED", "Start setting up first."],
    [new MfaEnrolmentRequiredError(), "MFA_ENROLMENT_REQUIRED", "Set up two-factor authentication to continue."],
  ])("%s has code %s", (error, code, message) => {
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.name).toBe(error.constructor.name);
  });
});
