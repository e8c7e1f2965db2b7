// What a stolen database gives away (issue 11): after sign-ups, log-ins on several devices,
// a log-out, a password change, an admin's password reset and failed log-ins, a full dump of
// the database (every row of every table, and the raw bytes: the SQLite files or pg_dump)
// holds no session token and no password in any encoding, and no password hash that can be
// checked without the server's pepper. With two-factor on (issue 20): no TOTP secret, no
// recovery code and no log-in challenge token either; nor any API key (issue 21); nor any
// WebAuthn challenge, answered or abandoned, nor a passkey challenge cookie (issue 22).
import { createHash } from "node:crypto";
import { RawPassword } from "@gatehouse/core";
import { Argon2idPasswordHasher } from "@gatehouse/infra";
import type { PasswordHash } from "@gatehouse/core";
import { SoftAuthenticator } from "@gatehouse/infra/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { createGatehouseClient } from "../src/client";
import { codeAt, failureOf, startHarness, type Browser, type Harness, type Provider } from "../test/http-harness";
import { dumpDatabase, findSecrets, rowsAsText, type DatabaseDump } from "./support/database-dump";

/** oslo's Argon2id (through our adapter) with the given pepper; an empty one is no pepper at all. */
const argon2With = (pepper: Uint8Array) => new Argon2idPasswordHasher({ pepper, maxConcurrency: 2, maxWaitMs: 60_000 });

describe.each<Provider>(["sqlite", "postgresql"])("nothing usable at rest on %s", (provider) => {
  let harness: Harness;
  let dump: DatabaseDump;
  let rowsText: string;
  /** Every session token any client held, live or ended. */
  const tokens = new Set<string>();
  /** Tokens of sessions still open at dump time. */
  const liveTokens = new Set<string>();
  /** Every password typed, right or wrong, old or new. */
  const passwords = new Set<string>();
  /** Each user's current password. */
  const current = new Map<string, string>();
  /** TOTP secrets handed out (base32), and the recovery codes shown. */
  const totpSecrets: string[] = [];
  const recoveryCodes: string[] = [];
  /** WebAuthn challenges handed out in passkey options (base64url), answered or not. */
  const passkeyChallenges: string[] = [];

  const collect = (...browsers: Browser[]) => {
    for (const browser of browsers)
      for (const header of browser.setCookieHeaders) {
        const value = /^[^=]+=([^;]*)/.exec(header)?.[1];
        if (value) tokens.add(value);
      }
  };

  beforeAll(async () => {
    harness = await startHarness({}, provider);
    const account = (username: string, password: string) => {
      passwords.add(password);
      current.set(username, password);
    };

    account("root.admin", "root's own long secret 1");
    await harness.bootstrapSuperAdmin("root.admin", "root's own long secret 1");
    const root = await harness.loggedIn("root.admin", "root's own long secret 1");

    const people: Array<[string, string]> = [
      ["alice.plain", "alice plain secret 42"],
      ["bob.unicode", "ｐäßwörð ｆｕｌｌ 🔑 ﬁne"], // NFKC changes it before hashing
      ["carol.same", "a shared password 7"],
      ["dave.same", "a shared password 7"], // the same password as carol: the hashes must still differ
    ];
    const ids = new Map<string, string>();
    for (const [username, password] of people) {
      account(username, password);
      ids.set(username, (await harness.browser().client.account.signUp.mutate({ username, password })).id);
    }
    const laptops = await Promise.all(people.map(([username, password]) => harness.loggedIn(username, password)));
    const phones = await Promise.all(people.map(([username, password]) => harness.loggedIn(username, password)));
    collect(root, ...laptops, ...phones);

    // alice changes her password on her laptop (her phone's session ends)
    account("alice.plain", "alice's brand new secret 43");
    await laptops[0]!.client.account.changePassword.mutate({
      currentPassword: "alice plain secret 42",
      newPassword: "alice's brand new secret 43",
    });
    // an admin resets bob's (his sessions end)
    account("bob.unicode", "reset by the admin 44");
    await root.client.users.setPassword.mutate({ userId: ids.get("bob.unicode")!, password: "reset by the admin 44" });
    // carol logs out of her phone
    await phones[2]!.client.account.logOut.mutate();
    // carol turns two-factor on (on her laptop), logs in on a tablet with a recovery code, and out again
    const { secret } = await laptops[2]!.client.account.mfa.beginTotp.mutate({ password: "a shared password 7" });
    totpSecrets.push(secret);
    const confirmed = await laptops[2]!.client.account.mfa.confirmTotp.mutate({ code: codeAt(harness, secret) });
    recoveryCodes.push(...confirmed.recoveryCodes);
    const tablet = harness.browser();
    const password = "a shared password 7";
    expect(await tablet.client.account.logIn.mutate({ username: "carol.same", password })).toMatchObject({
      mfaRequired: true,
    });
    await tablet.client.account.completeMfa.mutate({ recoveryCode: recoveryCodes[0]! });
    await tablet.client.account.logOut.mutate();
    collect(tablet);
    // carol makes an API key for a backup job, which uses it once
    const { key } = await laptops[2]!.client.account.apiKeys.create.mutate({ password, name: "backup", scope: "read" });
    tokens.add(key);
    expect((await createGatehouseClient({ url: harness.url, apiKey: key }).account.me.query()).username).toBe(
      "carol.same",
    );
    // alice adds a passkey on her laptop, logs in with it on another device and out again; then a
    // log-in and a registration are begun and never finished
    const appOrigin = harness.gatehouse.container.config.appOrigin;
    const alicePassword = "alice's brand new secret 43";
    const securityKey = new SoftAuthenticator();
    const registration = await laptops[0]!.client.account.passkeys.beginRegistration.mutate({
      password: alicePassword,
    });
    passkeyChallenges.push(registration.challenge);
    await laptops[0]!.client.account.passkeys.finishRegistration.mutate({
      name: "alice's key",
      // The API types the options by their challenge only; they are the WebAuthn JSON a browser parses.
      response: securityKey.createCredential(
        registration as Parameters<SoftAuthenticator["createCredential"]>[0],
        appOrigin,
      ),
    });
    const kiosk = harness.browser();
    const logInOptions = await kiosk.client.account.passkeys.beginLogIn.mutate();
    passkeyChallenges.push(logInOptions.challenge);
    await kiosk.client.account.passkeys.finishLogIn.mutate({
      response: securityKey.getAssertion(logInOptions, appOrigin),
    });
    expect((await kiosk.client.account.me.query()).username).toBe("alice.plain");
    await kiosk.client.account.logOut.mutate();
    const abandoned = harness.browser();
    passkeyChallenges.push((await abandoned.client.account.passkeys.beginLogIn.mutate()).challenge);
    passkeyChallenges.push(
      (await laptops[0]!.client.account.passkeys.beginRegistration.mutate({ password: alicePassword })).challenge,
    );
    collect(kiosk, abandoned);
    // guesses: wrong passwords for a real and an unknown user
    for (const [username, guess] of [
      ["carol.same", "carol's wrong guess 1"],
      ["nobody.here", "a guess for nobody 2"],
    ] as const) {
      passwords.add(guess);
      expect(
        (await failureOf(harness.browser().client.account.logIn.mutate({ username, password: guess }))).data.appCode,
      ).toBe("INVALID_CREDENTIALS");
    }
    collect(root, ...laptops, ...phones);
    // Which cookies still open a session (the others ended: changed or reset password, log-out).
    for (const browser of [root, ...laptops, ...phones]) {
      const cookie = [...browser.cookies.values()][0];
      const live = await browser.client.account.me.query().then(
        () => true,
        () => false,
      );
      if (cookie && live) liveTokens.add(cookie);
    }
    expect(liveTokens.size).toBe(5); // root, alice's laptop, carol's laptop, dave's laptop and phone

    dump = await dumpDatabase(harness.database);
    rowsText = rowsAsText(dump.tables);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("the dump covers every table and the sessions are in it (the search below is meaningful)", () => {
    expect(Object.keys(dump.tables)).toEqual(
      expect.arrayContaining(["users", "sessions", "audit_events", "rate_limits"]),
    );
    expect(dump.tables.users).toHaveLength(5);
    expect(tokens.size).toBeGreaterThanOrEqual(9); // the 5 live ones and 4 ended ones at least
    // Each live session is stored under SHA-256 of its token, and nothing else of it.
    const storedIds = new Set(dump.tables.sessions!.map((row) => row.id));
    for (const token of liveTokens) expect(storedIds).toContain(createHash("sha256").update(token).digest("hex"));
    // The search finds what is there: a stored session id in the raw bytes, a username in the rows.
    const storedId = String(dump.tables.sessions![0]!.id);
    expect(findSecrets([storedId], "", dump.raw)).not.toEqual([]);
    expect(findSecrets(["carol.same"], rowsText, [])).not.toEqual([]);
    console.info(
      `[at rest on ${provider}] ${Object.entries(dump.tables)
        .map(([name, rows]) => `${name}: ${rows.length} rows`)
        .join(", ")}; ` + `raw: ${dump.rawSource}; ${tokens.size} tokens and ${passwords.size} passwords searched`,
    );
  });

  it("holds no TOTP secret (base32, or its key raw, hex or base64) and no recovery code, used or not", () => {
    expect(dump.tables.totp_factors).toHaveLength(1);
    expect(dump.tables.recovery_codes).toHaveLength(10);
    const keys = totpSecrets.map((secret) => Buffer.from(decodeBase32IgnorePadding(secret)));
    const typed = recoveryCodes.flatMap((code) => [code, code.replaceAll("-", ""), code.toUpperCase()]);
    const keyForms = keys.flatMap((key) => [key.toString("hex"), key.toString("base64"), key.toString("base64url")]);
    expect(findSecrets([...totpSecrets, ...typed, ...keyForms], rowsText, dump.raw)).toEqual([]);
    for (const key of keys) expect(dump.raw.some((bytes) => bytes.includes(key))).toBe(false);
  });

  it("holds no WebAuthn challenge, as handed out or as its bytes, answered or abandoned", () => {
    expect(dump.tables.passkeys).toHaveLength(1);
    expect(passkeyChallenges).toHaveLength(4);
    expect(findSecrets(passkeyChallenges, rowsText, dump.raw)).toEqual([]);
    for (const challenge of passkeyChallenges) {
      const bytes = Buffer.from(challenge, "base64url");
      expect(bytes.length).toBeGreaterThanOrEqual(16);
      expect(dump.raw.some((raw) => raw.includes(bytes))).toBe(false);
      expect(rowsText).not.toContain(bytes.toString("hex"));
    }
  });

  it("holds no session token, log-in challenge token or API key, raw, hex or base64, live or ended", () => {
    expect(findSecrets([...tokens], rowsText, dump.raw)).toEqual([]);
  });

  it("holds no password, raw, NFKC, hex or base64: current, old, reset or guessed", () => {
    expect(findSecrets([...passwords], rowsText, dump.raw)).toEqual([]);
  });

  it("holds only Argon2id hashes (OWASP parameters, a salt each) that cannot be checked without the pepper", async () => {
    const users = dump.tables.users!;
    const hashes = users.map((row) => String(row.password_hash));
    for (const hash of hashes) {
      const [, algorithm, , parameters] = hash.split("$");
      expect(algorithm).toBe("argon2id");
      const cost = Object.fromEntries(
        parameters!.split(",").map((pair) => [pair.split("=")[0], Number(pair.split("=")[1])]),
      );
      expect(cost.m).toBeGreaterThanOrEqual(19_456); // KiB
      expect(cost.t).toBeGreaterThanOrEqual(2);
      expect(cost.p).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(hashes).size).toBe(hashes.length); // carol and dave share a password, not a hash
    // Every Argon2 hash anywhere in the dump is one of these (none hides in another table).
    expect(rowsText.match(/\$argon2[a-z]*\$/g)).toHaveLength(hashes.length);

    const pepper = harness.gatehouse.container.config.pepper;
    const withPepper = argon2With(pepper);
    const withoutPepper = argon2With(new Uint8Array(0));
    const wrongPepper = argon2With(new TextEncoder().encode("a different pepper of 32+ characters"));
    for (const row of users) {
      const hash = String(row.password_hash) as PasswordHash;
      const password = RawPassword.create(current.get(String(row.username))!);
      // With the server's pepper the right password verifies: the check below is meaningful...
      expect(await withPepper.verify(hash, password), `${String(row.username)} with the pepper`).toBe(true);
      // ...without it (or with another) no password we know does, not even the right one.
      for (const candidate of passwords) {
        const guess = RawPassword.create(candidate);
        expect(await withoutPepper.verify(hash, guess), `${String(row.username)} without the pepper`).toBe(false);
        expect(await wrongPepper.verify(hash, guess), `${String(row.username)} with a wrong pepper`).toBe(false);
      }
    }
  });

  it("and the server's log holds none of them either", () => {
    const logText = JSON.stringify(harness.logs);
    expect(
      findSecrets([...tokens, ...passwords, ...totpSecrets, ...recoveryCodes, ...passkeyChallenges], logText, []),
    ).toEqual([]);
    expect(logText).not.toMatch(/\$argon2/);
  });
});
