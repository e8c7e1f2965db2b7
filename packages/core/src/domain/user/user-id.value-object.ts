import { DomainValidationError } from "../errors/domain-error";

/** A user's id: a UUID (version 7 for new users), in lower case. Branded so a plain string never passes for one. */
export type UserId = string & { readonly __brand: "UserId" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const UserId = {
  /** Checks that `value` is a UUID; throws `DomainValidationError` otherwise. */
  create(value: string): UserId {
    const normalized = value.trim().toLowerCase();
    if (!UUID.test(normalized)) throw new DomainValidationError("User id must be a UUID.");
    return normalized as UserId;
  },
};
