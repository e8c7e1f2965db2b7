import {
  AccountInactiveError,
  AlreadyAuthenticatedError,
  DomainValidationError,
  InputValidationError,
  InvalidCredentialsError,
  NotAuthenticatedError,
  UsernameTakenError,
} from "@gatehouse/core";
import { DatabaseUnavailableError, PasswordHasherBusyError } from "@gatehouse/infra";
import { describe, expect, it } from "vitest";
import { lookUpError, OriginRejectedError } from "./errors";

// The error table of DESIGN.md §4, for the errors that exist so far.
describe("the error map", () => {
  it.each([
    [new InputValidationError({ username: ["too short"] }), "BAD_REQUEST", "VALIDATION_FAILED"],
    [new DomainValidationError("bad value"), "BAD_REQUEST", "VALIDATION_FAILED"],
    [new NotAuthenticatedError(), "UNAUTHORIZED", "NOT_AUTHENTICATED"],
    [new InvalidCredentialsError(), "UNAUTHORIZED", "INVALID_CREDENTIALS"],
    [new AccountInactiveError(), "FORBIDDEN", "ACCOUNT_INACTIVE"],
    [new AlreadyAuthenticatedError(), "FORBIDDEN", "ALREADY_AUTHENTICATED"],
    [new OriginRejectedError(), "FORBIDDEN", "ORIGIN_REJECTED"],
    [new UsernameTakenError(), "CONFLICT", "USERNAME_TAKEN"],
    [new PasswordHasherBusyError(), "SERVICE_UNAVAILABLE", "SERVICE_BUSY"],
    [new DatabaseUnavailableError(), "SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE"],
  ])("%s → %s / %s", (error, code, appCode) => {
    expect(lookUpError(error)).toEqual({ code, appCode });
  });

  it("leaves anything else unmapped (it becomes INTERNAL)", () => {
    expect(lookUpError(new TypeError("a bug"))).toBeNull();
    expect(lookUpError("not even an error")).toBeNull();
  });
});
