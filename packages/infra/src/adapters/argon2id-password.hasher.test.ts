import { RawPassword } from "@gatehouse/core";
import { describe, expect, it } from "vitest";
import { PasswordHasherBusyError } from "../errors/infrastructure-error";
import { Argon2idPasswordHasher } from "./argon2id-password.hasher";

const pepper = new TextEncoder().encode("pepper one");
const password = RawPassword.create("correct horse battery");

describe("Argon2idPasswordHasher", () => {
  it("hashes with Argon2id at OWASP parameters and verifies", async () => {
    const hasher = new Argon2idPasswordHasher({ pepper, maxConcurrency: 2, maxWaitMs: 1_000 });
    const hash = await hasher.hash(password);

    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, password)).toBe(true);
    expect(await hasher.verify(hash, RawPassword.create("correct horse battery!"))).toBe(false);
  });

  it("needs the pepper: the same hash does not verify under another pepper", async () => {
    const hash = await new Argon2idPasswordHasher({ pepper, maxConcurrency: 1, maxWaitMs: 1_000 }).hash(password);
    const otherPepper = new Argon2idPasswordHasher({
      pepper: new TextEncoder().encode("pepper two"),
      maxConcurrency: 1,
      maxWaitMs: 1_000,
    });

    expect(await otherPepper.verify(hash, password)).toBe(false);
  });

  it("fails fast with PasswordHasherBusyError instead of queueing past the wait limit", async () => {
    const hasher = new Argon2idPasswordHasher({ pepper, maxConcurrency: 1, maxWaitMs: 1 });

    const results = await Promise.allSettled(Array.from({ length: 6 }, () => hasher.hash(password)));

    expect(results[0]!.status).toBe("fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.reason).toBeInstanceOf(PasswordHasherBusyError);
    // and it recovers as soon as the load is gone
    expect(await hasher.verify(await hasher.hash(password), password)).toBe(true);
  });
});
