import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../errors/domain-error";
import { Username } from "./username.value-object";

describe("Username", () => {
  it.each([
    ["alice", "five characters, letters only"],
    ["Alice.Smith", "letters with a dot"],
    ["bob_the-builder9", "underscore, hyphen and digits"],
    ["12345", "digits only"],
    ["a1234567890123456789", "twenty characters"],
    ["a.b-c_d", "specials separated by letters"],
  ])("accepts %s (%s)", (value) => {
    expect(Username.create(value).value).toBe(value);
  });

  it.each([
    ["abcd", "must be 5–20 characters long"],
    ["a12345678901234567890", "must be 5–20 characters long"],
    ["", "must be 5–20 characters long"],
    ["alice smith", "may contain only letters, digits"],
    ["alice@home", "may contain only letters, digits"],
    ["àlice", "may contain only letters, digits"],
    [".alice", "must start and end with a letter or a digit"],
    ["alice_", "must start and end with a letter or a digit"],
    ["-alice", "must start and end with a letter or a digit"],
    ["al..ice", "must not contain two of"],
    ["al_-ice", "must not contain two of"],
    ["al.-_ce", "must not contain two of"],
  ])("rejects %j: %s", (value, message) => {
    expect(() => Username.create(value)).toThrow(DomainValidationError);
    expect(() => Username.create(value)).toThrow(message);
  });

  it("compares case-insensitively through its key", () => {
    const upper = Username.create("Alice.Smith");
    const lower = Username.create("alice.smith");
    expect(upper.key).toBe("alice.smith");
    expect(upper.equals(lower)).toBe(true);
    expect(upper.value).toBe("Alice.Smith");
    expect(String(upper)).toBe("Alice.Smith");
  });
});
