import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../errors/domain-error";
import { parseRecordId } from "./record-id";

describe("parseRecordId", () => {
  it("takes 1 to 64 characters as they are", () => {
    expect(parseRecordId("a", "Session id")).toBe("a");
    expect(parseRecordId("x".repeat(64), "Key id")).toBe("x".repeat(64));
    expect(parseRecordId(" padded ", "Key id")).toBe(" padded ");
  });

  it.each([
    ["", "empty"],
    ["x".repeat(65), "65 characters"],
  ])("refuses %j (%s), naming the field and the rule", (value) => {
    expect(() => parseRecordId(value, "Passkey id")).toThrow(
      new DomainValidationError("Passkey id must be 1–64 characters."),
    );
  });
});
