import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  AccountInactiveError,
  ApiKeyNotFoundError,
  ApiKeyScopeError,
  ActivationChangeNotPermittedError,
  AlreadyAuthenticatedError,
  CurrentPasswordInvalidError,
  DomainValidationError,
  InputValidationError,
  InvalidCredentialsError,
  InvalidMfaCodeError,
  MfaAlreadyEnabledError,
  MfaChallengeExpiredError,
  MfaEnrolmentRequiredError,
  PasskeyNotFoundError,
  PasskeyRejectedError,
  MfaNotEnabledError,
  NotAuthenticatedError,
  PasswordUnchangedError,
  PermissionDeniedError,
  RoleChangeNotPermittedError,
  SessionNotFoundError,
  SuperAdminExistsError,
  UsernameTakenError,
  UserNotFoundError,
} from "@gatehouse/core";
import {
  ConcurrentUpdateError,
  DatabaseUnavailableError,
  PasswordHasherBusyError,
  RateLimitedError,
  findWorkspaceRoot,
} from "@gatehouse/infra";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import * as apiErrors from "../api-errors";
import { APP_CODES } from "../app-codes";
import { ERROR_MAP, lookUpError } from "./errors";

// The codes come from the error classes and the statuses from the map: this test restates
// neither. It checks them against the README's error table (API), the contract clients read.

/** One error of each class in the map (a class cannot be built without its arguments). */
const ONE_OF_EACH = [
  new InputValidationError({ username: ["too short"] }),
  new DomainValidationError("bad value"),
  new NotAuthenticatedError(),
  new InvalidCredentialsError(),
  new InvalidMfaCodeError(),
  new MfaChallengeExpiredError(),
  new MfaAlreadyEnabledError(),
  new MfaNotEnabledError(),
  new MfaEnrolmentRequiredError(),
  new ApiKeyScopeError("read only"),
  new ApiKeyNotFoundError(),
  new PasskeyRejectedError(),
  new PasskeyNotFoundError(),
  new AccountInactiveError(),
  new AlreadyAuthenticatedError(),
  new PermissionDeniedError(),
  new RoleChangeNotPermittedError(),
  new ActivationChangeNotPermittedError(),
  new CurrentPasswordInvalidError(),
  new PasswordUnchangedError(),
  new UserNotFoundError(),
  new SessionNotFoundError(),
  new UsernameTakenError(),
  new SuperAdminExistsError(),
  new ConcurrentUpdateError(),
  new RateLimitedError(30),
  new PasswordHasherBusyError(),
  new DatabaseUnavailableError(),
  new apiErrors.OriginRejectedError(),
  new apiErrors.PayloadTooLargeError(65_536),
  new apiErrors.HeadersTooLargeError(),
  new apiErrors.MalformedRequestError(),
  new apiErrors.BatchTooLargeError(10),
  new apiErrors.NothingServedError("/nowhere"),
  new apiErrors.MethodNotSupportedError(),
  new apiErrors.MetricsTokenRequiredError(),
  new apiErrors.InternalError(),
];

/** The README's table of appCodes: each code with the HTTP statuses its row gives. */
function readmeErrorTable(): Map<string, number[]> {
  const lines = readFileSync(join(findWorkspaceRoot(), "README.md"), "utf8").split("\n");
  const header = lines.findIndex((line) => /^\|\s*appCode\s*\|\s*HTTP\s*\|/.test(line));
  if (header === -1) throw new Error("The README has no table headed `| appCode | HTTP |`.");
  const table = new Map<string, number[]>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [, codes = "", statuses = ""] = line.split("|");
    for (const [, code] of codes.matchAll(/`([A-Z_]+)`/g)) {
      table.set(
        code!,
        [...statuses.matchAll(/\d{3}/g)].map(([status]) => Number(status)),
      );
    }
  }
  return table;
}

describe("the error map", () => {
  const readme = readmeErrorTable();

  it.each(ONE_OF_EACH.map((error) => [error.name, error] as const))(
    "%s: its appCode is its own code, its HTTP status the README's for that code",
    (_, error) => {
      const mapped = lookUpError(error);
      expect(mapped?.appCode).toBe(error.code);
      expect(readme.get(error.code)).toContain(getHTTPStatusCodeFromError(new TRPCError({ code: mapped!.code })));
    },
  );

  it("is what the test above covers: one error of each mapped class", () => {
    expect(new Set(ONE_OF_EACH.map((error) => error.constructor))).toEqual(
      new Set(ERROR_MAP.map(([errorClass]) => errorClass)),
    );
  });

  it("maps every error class of the API's own", () => {
    const ownClasses = Object.values(apiErrors).filter((value) => value.prototype instanceof apiErrors.ApiError);
    expect(ownClasses.length).toBeGreaterThan(0);
    for (const errorClass of ownClasses) expect(ERROR_MAP.map(([mapped]) => mapped)).toContain(errorClass);
  });

  it("gives exactly the appCodes the README lists", () => {
    expect([...readme.keys()].sort()).toEqual([...APP_CODES].sort());
  });

  it("leaves anything else unmapped (it becomes INTERNAL)", () => {
    expect(lookUpError(new TypeError("a bug"))).toBeNull();
    expect(lookUpError("not even an error")).toBeNull();
  });
});
