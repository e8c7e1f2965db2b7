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

/** The caller's role does not allow the action. */
export class PermissionDeniedError extends ApplicationError {
  readonly code = "PERMISSION_DENIED";

  constructor() {
    super("You are not allowed to do this.");
  }
}

export class UserNotFoundError extends ApplicationError {
  readonly code = "USER_NOT_FOUND";

  constructor() {
    super("No user has this id.");
  }
}

export class CurrentPasswordInvalidError extends ApplicationError {
  readonly code = "CURRENT_PASSWORD_INVALID";

  constructor() {
    super("The current password is not correct.");
  }
}

export class PasswordUnchangedError extends ApplicationError {
  readonly code = "PASSWORD_UNCHANGED";

  constructor() {
    super("The new password must differ from the current one.");
  }
}

export class SessionNotFoundError extends ApplicationError {
  readonly code = "SESSION_NOT_FOUND";

  constructor() {
    super("You have no session with this id.");
  }
}

/** A TOTP or recovery code that is wrong, was already used, or is out of its time window. */
export class InvalidMfaCodeError extends ApplicationError {
  readonly code = "INVALID_MFA_CODE";

  constructor() {
    super("This code is not valid. Codes work once; use the newest one from your app, or a recovery code.");
  }
}

/** The second log-in step has no challenge to answer: none, expired, used up or already spent. */
export class MfaChallengeExpiredError extends ApplicationError {
  readonly code = "MFA_CHALLENGE_EXPIRED";

  constructor() {
    super("Your log-in has expired. Log in with your password again.");
  }
}

export class MfaAlreadyEnabledError extends ApplicationError {
  readonly code = "MFA_ALREADY_ENABLED";

  constructor() {
    super("Two-factor authentication is already on.");
  }
}

export class MfaNotEnabledError extends ApplicationError {
  readonly code = "MFA_NOT_ENABLED";

  constructor(message = "Two-factor authentication is not on.") {
    super(message);
  }
}

/** REQUIRE_MFA applies to the caller, who has not set up two-factor authentication yet. */
export class MfaEnrolmentRequiredError extends ApplicationError {
  readonly code = "MFA_ENROLMENT_REQUIRED";

  constructor(message = "Set up two-factor authentication to continue.") {
    super(message);
  }
}

export class ApiKeyNotFoundError extends ApplicationError {
  readonly code = "API_KEY_NOT_FOUND";

  constructor() {
    super("You have no API key with this id.");
  }
}

/**
 * A WebAuthn response that does not verify: a wrong signature, origin or challenge, a replayed
 * assertion, an unknown credential, no user verification, or no live challenge to answer.
 */
export class PasskeyRejectedError extends ApplicationError {
  readonly code = "PASSKEY_REJECTED";

  constructor() {
    super("This passkey could not be verified. Try again.");
  }
}

export class PasskeyNotFoundError extends ApplicationError {
  readonly code = "PASSKEY_NOT_FOUND";

  constructor() {
    super("You have no passkey with this id.");
  }
}
