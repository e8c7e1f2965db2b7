/**
 * Base class of every rule the business refuses. `code` is stable and meant for programs;
 * `message` is written for people.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A value does not satisfy a value object's rule. The message says how to fix it. */
export class DomainValidationError extends DomainError {
  readonly code = "VALIDATION_FAILED";
}

export class UsernameTakenError extends DomainError {
  readonly code = "USERNAME_TAKEN";

  constructor() {
    super("This username is already taken.");
  }
}

/** A super admin's role is fixed for ever. */
export class RoleChangeNotPermittedError extends DomainError {
  readonly code = "ROLE_CHANGE_NOT_PERMITTED";

  constructor() {
    super("The super admin's role cannot be changed.");
  }
}

/** A super admin is always active. */
export class ActivationChangeNotPermittedError extends DomainError {
  readonly code = "ACTIVATION_CHANGE_NOT_PERMITTED";

  constructor() {
    super("The super admin cannot be deactivated or activated.");
  }
}

/** There is exactly one super admin, made once when Gatehouse is set up. */
export class SuperAdminExistsError extends DomainError {
  readonly code = "SUPER_ADMIN_EXISTS";

  constructor() {
    super("A super admin already exists; there can be only one.");
  }
}
