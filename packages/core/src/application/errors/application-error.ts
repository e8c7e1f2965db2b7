/**
 * Base class of errors raised by use cases (who may do what, and whether the input makes
 * sense as a whole). `code` is stable and meant for programs; `message` is for people.
 */
export abstract class ApplicationError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One or more input fields break a rule; `fieldErrors` names each field and its rules. */
export class InputValidationError extends ApplicationError {
  readonly code = "VALIDATION_FAILED";

  constructor(readonly fieldErrors: Readonly<Record<string, readonly string[]>>) {
    super(
      Object.entries(fieldErrors)
        .map(([field, messages]) => `${field}: ${messages.join(" ")}`)
        .join("; "),
    );
  }
}

export class NotAuthenticatedError extends ApplicationError {
  readonly code = "NOT_AUTHENTICATED";

  constructor() {
    super("You are not logged in, or your session has ended.");
  }
}

export class AlreadyAuthenticatedError extends ApplicationError {
  readonly code = "ALREADY_AUTHENTICATED";

  constructor() {
    super("You are already logged in. Log out first.");
  }
}

/** Unknown username or wrong password: deliberately the same error for both. */
export class InvalidCredentialsError extends ApplicationError {
  readonly code = "INVALID_CREDENTIALS";

  constructor() {
    super("Invalid username or password.");
  }
}

export class AccountInactiveError extends ApplicationError {
  readonly code = "ACCOUNT_INACTIVE";

  constructor() {
    super("This account has been deactivated.");
  }
}
