import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkPepper, PepperMismatchError } from "../src/index";
import { TEST_PROVIDERS } from "../src/testing";
import { createTestApp, type TestApp } from "./fixtures";

const PEPPER = new TextEncoder().encode("the pepper this database was made with");
const OTHER = new TextEncoder().encode("another pepper, e.g. a freshly generated one");

describe.each(TEST_PROVIDERS)("the pepper check on %s", (provider) => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp(provider);
  });

  afterEach(() => app.close());

  const outcome = (pepper: Uint8Array, freshlyGenerated = false) =>
    checkPepper(app.prisma, pepper, freshlyGenerated).then(
      () => "ok",
      (error: Error) => (error instanceof PepperMismatchError ? error.message : `unexpected: ${error.message}`),
    );

  it("is recorded on the first start and holds on every start after with the same pepper", async () => {
    expect(await outcome(PEPPER, true)).toBe("ok"); // an empty database may take a new pepper
    expect(await outcome(PEPPER)).toBe("ok");
    const [setting] = await app.prisma.setting.findMany();
    // An HMAC of a label: neither the pepper nor anything a password could be tried against.
    expect(setting!.value).toMatch(/^[0-9a-f]{64}$/);
    expect(setting!.value).not.toContain(Buffer.from(PEPPER).toString("hex"));
  });

  it("refuses another pepper, naming PASSWORD_PEPPER", async () => {
    await outcome(PEPPER);
    expect(await outcome(OTHER)).toMatch(/^PASSWORD_PEPPER: differs from the pepper this database was made with/);
    expect(await outcome(OTHER, true)).toMatch(/^PASSWORD_PEPPER: differs/);
    expect(await outcome(PEPPER)).toBe("ok");
  });

  it("never takes a freshly generated pepper for a database that already has users", async () => {
    await app.request().signUp.execute({ username: "existing.user", password: "correct horse" });
    expect(await outcome(OTHER, true)).toMatch(/^PASSWORD_PEPPER: this database already has users/);
    expect(await app.prisma.setting.count()).toBe(0);
    // A pepper that was given (or kept) is trusted for a database from before the check, and recorded.
    expect(await outcome(PEPPER)).toBe("ok");
    expect(await outcome(OTHER)).toMatch(/differs/);
  });
});
