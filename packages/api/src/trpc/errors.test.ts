import {
  AccountInactiveError,
  ActivationChangeNotPermittedError,
  AlreadyAuthenticatedError,
  CurrentPasswordInvalidError,
  DomainValidationError,
  InputValidationError,
  InvalidCredentialsError,
  NotAuthenticatedError,
  PasswordUnchangedError,
  PermissionDeniedError,
  RoleChangeNotPermittedError,
  UsernameTakenError,
  UserNotFoundError,
} from "@gatehouse/core";
import { ConcurrentUpdateError, DatabaseUnavailableError, PasswordHasherBusyError } from "@gatehouse/infra";
import { describe, expect, it } from "vitest";
import { lookUpError, OriginRejectedError, PayloadTooLargeError } from "./errors";

// The README's error table (API; plus CONCURRENT_UPDATE for a lost-update conflict).
describe("the error map", () => {
  it.each([
    [new InputValidationError({ username: ["too short"] }), "BAD_REQUEST", "VALIDATION_FAILED"],
    [new DomainValidationError("bad value"), "BAD_REQUEST", "VALIDATION_FAILED"],
    [new NotAuthenticatedError(), "UNAUTHORIZED", "NOT_AUTHENTICATED"],
    [new InvalidCredentialsError(), "UNAUTHORIZED", "INVALID_CREDENTIALS"],
    [new AccountInactiveError(), "FORBIDDEN", "ACCOUNT_INACTIVE"],
    [new AlreadyAuthenticatedError(), "FORBIDDEN", "ALREADY_AUTHENTICATED"],
    [new OriginRejectedError(), "FORBIDDEN", "ORIGIN_REJECTED"],
    [new PayloadTooLargeError(65_536), "PAYLOAD_TOO_LARGE", "PAYLOAD_TOO_LARGE"],
    [new PermissionDeniedError(), "FORBIDDEN", "PERMISSION_DENIED"],
    [new RoleChangeNotPermittedError(), "FORBIDDEN", "ROLE_CHANGE_NOT_PERMITTED"],
    [new ActivationChangeNotPermittedError(), "FORBIDDEN", "ACTIVATION_CHANGE_NOT_PERMITTED"],
    [new CurrentPasswordInvalidError(), "FORBIDDEN", "CURRENT_PASSWORD_INVALID"],
    [new PasswordUnchangedError(), "BAD_REQUEST", "PASSWORD_UNCHANGED"],
    [new UserNotFoundError(), "NOT_FOUND", "USER_NOT_FOUND"],
    [new UsernameTakenError(), "CONFLICT", "USERNAME_TAKEN"],
    [new ConcurrentUpdateError(), "CONFLICT", "CONCURRENT_UPDATE"],
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
