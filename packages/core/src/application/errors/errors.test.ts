import { describe, expect, it } from "vitest";
import {
  ActivationChangeNotPermittedError,
  DomainValidationError,
  RoleChangeNotPermittedError,
  SuperAdminExistsError,
  UsernameTakenError,
} from "../../domain/errors/domain-error";
import { validateFields } from "../common/validate-fields";
import {
  AccountInactiveError,
  ApiKeyNotFoundError,
  AlreadyAuthenticatedError,
  CurrentPasswordInvalidError,
  InputValidationError,
  InvalidCredentialsError,
  NotAuthenticatedError,
  PasswordUnchangedError,
  PermissionDeniedError,
  SessionNotFoundError,
  UserNotFoundError,
} from "./application-error";

// The core's rows of the API's error table (README, API): each error has one stable code.
describe("core errors", () => {
  it.each([
    [new InputValidationError({ username: ["Too short."] }), "VALIDATION_FAILED", "username: Too short."],
    [
      new InputValidationError({ username: ["Too short.", "Bad character."], password: ["Too short."] }),
      "VALIDATION_FAILED",
      "username: Too short. Bad character.; password: Too short.",
    ],
    [new DomainValidationError("Bad value."), "VALIDATION_FAILED", "Bad value."],
    [new NotAuthenticatedError(), "NOT_AUTHENTICATED", "You are not logged in, or your session has ended."],
    [new InvalidCredentialsError(), "INVALID_CREDENTIALS", "Invalid username or password."],
    [new AccountInactiveError(), "ACCOUNT_INACTIVE", "This account has been deactivated."],
    [new AlreadyAuthenticatedError(), "ALREADY_AUTHENTICATED", "You are already logged in. Log out first."],
    [new PermissionDeniedError(), "PERMISSION_DENIED", "You are not allowed to do this."],
    [new RoleChangeNotPermittedError(), "ROLE_CHANGE_NOT_PERMITTED", "The super admin's role cannot be changed."],
    [
      new ActivationChangeNotPermittedError(),
      "ACTIVATION_CHANGE_NOT_PERMITTED",
      "The super admin cannot be deactivated or activated.",
    ],
    [new CurrentPasswordInvalidError(), "CURRENT_PASSWORD_INVALID", "The current password is not correct."],
    [new PasswordUnchangedError(), "PASSWORD_UNCHANGED", "The new password must differ from the current one."],
    [new UserNotFoundError(), "USER_NOT_FOUND", "No user has this id."],
    [new SessionNotFoundError(), "SESSION_NOT_FOUND", "You have no session with this id."],
    [new ApiKeyNotFoundError(), "API_KEY_NOT_FOUND", "You have no API key with this id."],
    [new UsernameTakenError(), "USERNAME_TAKEN", "This username is already taken."],
    [new SuperAdminExistsError(), "SUPER_ADMIN_EXISTS", "A super admin already exists; there can be only one."],
  ])("%s has code %s", (error, code, message) => {
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.name).toBe(error.constructor.name);
  });
});

describe("validateFields", () => {
  it("lets errors that are not validation errors through untouched", () => {
    const bug = new TypeError("a bug, not bad input");
    expect(() =>
      validateFields({
        good: () => 1,
        broken: () => {
          throw bug;
        },
      }),
    ).toThrow(bug);
  });
});
