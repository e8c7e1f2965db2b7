// Passkeys on real databases: the store (one assertion is recorded once, even in parallel),
// the ceremony challenges (hashed at rest, single use, bound to the browser and the ceremony,
// expiring on the app's clock), the factor inventory REQUIRE_MFA reads, and what the password
// log-in reads. Signatures themselves are the library's, driven over HTTP in packages/api.
import { Username, type UserId } from "@gatehouse/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CookiePasskeyChallenges,
  PASSKEY_CHALLENGE_TTL_SECONDS,
  PrismaFactorInventory,
  PrismaPasskeyStore,
  PrismaUnitOfWork,
  PrismaUserDataMapper,
  purgeExpiredPasskeyChallenges,
} from "../src/index";
import { TEST_PROVIDERS } from "../src/testing";
import { BrowserCookieJar, createTestApp, type TestApp } from "./fixtures";

describe.each(TEST_PROVIDERS)("passkeys on %s", (provider) => {
  let app: TestApp;
  let alice: UserId;
  let bob: UserId;
  let serial = 0;

  beforeEach(async () => {
    app = await createTestApp(provider);
    ({ id: alice } = await app.request().signUp.execute({ username: "alice", password: "correct horse" }));
    ({ id: bob } = await app.request().signUp.execute({ username: "bobby", password: "correct horse" }));
  });

  afterEach(async () => {
    await app.close();
  });

  /** A store on a unit of work of its own, as one request has. */
  function store(): { passkeys: PrismaPasskeyStore; unitOfWork: PrismaUnitOfWork } {
    const unitOfWork = new PrismaUnitOfWork(app.prisma);
    return { passkeys: new PrismaPasskeyStore(unitOfWork), unitOfWork };
  }

  /** A passkey of this user, added through the store and committed. */
  async function addPasskey(userId: UserId, { counter = 0, backedUp = false } = {}) {
    const { passkeys, unitOfWork } = store();
    const passkey = {
      id: `passkey-${++serial}`,
      userId,
      credentialId: `credential-${serial}`,
      publicKey: new Uint8Array([1, 2, 3, serial]),
      counter,
      transports: ["internal", "hybrid"],
      name: `device ${serial}`,
      backedUp,
      createdAt: app.clock.now(),
    };
    await unitOfWork.run(async () => passkeys.add(passkey));
    app.clock.advance(1000);
    return passkey;
  }

  function challenges(cookies = new BrowserCookieJar()) {
    return {
      cookies,
      challenges: new CookiePasskeyChallenges(app.prisma, cookies, app.clock, { secureCookies: false }),
    };
  }

  describe("the store", () => {
    it("adds, lists newest first, finds by credential id, renames and removes only the owner's", async () => {
      const first = await addPasskey(alice);
      const second = await addPasskey(alice, { backedUp: true });
      await addPasskey(bob);
      const { passkeys } = store();

      expect(await passkeys.listOf(alice)).toEqual([
        { id: second.id, name: second.name, createdAt: second.createdAt, lastUsedAt: null, backedUp: true },
        { id: first.id, name: first.name, createdAt: first.createdAt, lastUsedAt: null, backedUp: false },
      ]);
      expect(await passkeys.findByCredentialId(first.credentialId)).toEqual({
        id: first.id,
        userId: alice,
        credentialId: first.credentialId,
        publicKey: first.publicKey,
        counter: 0,
        transports: ["internal", "hybrid"],
      });
      expect(await passkeys.findByCredentialId("nobody's")).toBeNull();
      expect((await passkeys.credentialsOf(alice)).map((c) => c.credentialId).sort()).toEqual(
        [first.credentialId, second.credentialId].sort(),
      );

      expect(await passkeys.rename(bob, first.id, "stolen")).toBe(false);
      expect(await passkeys.rename(alice, first.id, "Phone")).toBe(true);
      expect(await passkeys.remove(bob, first.id)).toBe(false);
      expect((await passkeys.listOf(alice)).map((p) => p.name)).toEqual([second.name, "Phone"]);
      expect(await passkeys.remove(alice, first.id)).toBe(true);
      expect((await passkeys.listOf(alice)).map((p) => p.id)).toEqual([second.id]);

      const { passkeys: all, unitOfWork } = store();
      await unitOfWork.run(async () => all.removeAllOf(alice));
      expect(await all.listOf(alice)).toEqual([]);
      expect(await all.listOf(bob)).toHaveLength(1);
    });

    it("keeps a 32-bit counter (WebAuthn's is unsigned, beyond a signed Int)", async () => {
      const passkey = await addPasskey(alice, { counter: 4_000_000_000 });
      expect((await store().passkeys.findByCredentialId(passkey.credentialId))?.counter).toBe(4_000_000_000);
    });

    it("records a use only against the counter it was checked with: of parallel uses, one wins", async () => {
      const passkey = await addPasskey(alice, { counter: 5 });
      const at = app.clock.now();
      const use = { previousCounter: 5, newCounter: 6, backedUp: true, at };
      const results = await Promise.all([1, 2, 3, 4].map(() => store().passkeys.recordUse(passkey.id, use)));
      expect(results.filter(Boolean)).toHaveLength(1);

      const [stored] = await store().passkeys.listOf(alice);
      expect(stored).toMatchObject({ lastUsedAt: at, backedUp: true });
      expect((await store().passkeys.findByCredentialId(passkey.credentialId))?.counter).toBe(6);
      // The same check again (a replay of that assertion) finds the counter moved on.
      expect(await store().passkeys.recordUse(passkey.id, use)).toBe(false);
    });

    it("refuses a credential id registered twice (the unique index)", async () => {
      const passkey = await addPasskey(alice);
      const { passkeys, unitOfWork } = store();
      const again = { ...passkey, id: "another", userId: bob, name: "copy" };
      await expect(unitOfWork.run(async () => passkeys.add(again))).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
      expect(await store().passkeys.listOf(bob)).toEqual([]);
    });
  });

  describe("the challenges", () => {
    it("are kept only as hashes, under a hash of an HttpOnly cookie's token", async () => {
      const { cookies, challenges: browser } = challenges();
      const challenge = await browser.issue("log-in", null);
      const token = cookies.get("gatehouse_passkey")!;
      expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(cookies.sent.at(-1)).toMatch(
        new RegExp(
          `^gatehouse_passkey=${token}; HttpOnly; Max-Age=${PASSKEY_CHALLENGE_TTL_SECONDS}; Path=/; SameSite=Lax$`,
        ),
      );

      const rows = await app.prisma.passkeyChallenge.findMany();
      expect(rows).toHaveLength(1);
      const dump = JSON.stringify(rows);
      expect(dump).not.toContain(challenge);
      expect(dump).not.toContain(token);
      expect(rows[0]).toMatchObject({ ceremony: "log-in", userId: null });
    });

    it("are taken once: the answer matches only its own challenge, and a second take finds none", async () => {
      const { cookies, challenges: browser } = challenges();
      const challenge = await browser.issue("registration", alice);
      // Another request of the same browser (the cookie copied) races this one.
      const copied = new BrowserCookieJar();
      copied.set(`gatehouse_passkey=${cookies.get("gatehouse_passkey")}`);
      const [taken, raced] = await Promise.all([
        browser.take("registration"),
        challenges(copied).challenges.take("registration"),
      ]);
      const won = [taken, raced].filter((result) => result !== null);
      expect(won).toHaveLength(1);
      expect(won[0]!.userId).toBe(alice);
      expect(won[0]!.matches(challenge)).toBe(true);
      expect(won[0]!.matches(`${challenge}x`)).toBe(false);
      expect(await challenges(copied).challenges.take("registration")).toBeNull();
      expect(await app.prisma.passkeyChallenge.count()).toBe(0);
      expect(cookies.get("gatehouse_passkey")).toBeNull();
    });

    it("answer only their own ceremony, and a wrong one spends them", async () => {
      const { challenges: browser, cookies } = challenges();
      await browser.issue("registration", alice);
      const kept = cookies.get("gatehouse_passkey")!;
      expect(await browser.take("log-in")).toBeNull();
      const again = new BrowserCookieJar();
      again.set(`gatehouse_passkey=${kept}`);
      expect(await challenges(again).challenges.take("registration")).toBeNull();
    });

    it("expire after five minutes on the app's clock, and are purged", async () => {
      const { challenges: browser, cookies } = challenges();
      await browser.issue("log-in", null);
      const token = cookies.get("gatehouse_passkey")!;
      // A minute before the end (the app's clock also follows real time while the test runs).
      app.clock.advance((PASSKEY_CHALLENGE_TTL_SECONDS - 60) * 1000);
      const copied = new BrowserCookieJar();
      copied.set(`gatehouse_passkey=${token}`);
      expect(await challenges(copied).challenges.take("log-in")).not.toBeNull();

      await browser.issue("log-in", null);
      app.clock.advance(PASSKEY_CHALLENGE_TTL_SECONDS * 1000);
      expect(await browser.take("log-in")).toBeNull();

      await browser.issue("log-in", null);
      await challenges().challenges.issue("log-in", null);
      app.clock.advance(PASSKEY_CHALLENGE_TTL_SECONDS * 1000);
      await purgeExpiredPasskeyChallenges(app.prisma, app.clock.now());
      expect(await app.prisma.passkeyChallenge.count()).toBe(0);
    });

    it("are replaced when the browser starts a ceremony again: only the newest one counts", async () => {
      const { challenges: browser } = challenges();
      const first = await browser.issue("log-in", null);
      const second = await browser.issue("log-in", null);
      expect(await app.prisma.passkeyChallenge.count()).toBe(1);
      const taken = await browser.take("log-in");
      expect(taken?.matches(second)).toBe(true);
      expect(taken?.matches(first)).toBe(false);
    });

    it("go with their user", async () => {
      await challenges().challenges.issue("registration", alice);
      await app.prisma.user.delete({ where: { id: alice } });
      expect(await app.prisma.passkeyChallenge.count()).toBe(0);
    });
  });

  it("the factor inventory counts an enabled app and the passkeys, in one read", async () => {
    const inventory = new PrismaFactorInventory(new PrismaUnitOfWork(app.prisma));
    expect(await inventory.of(alice)).toEqual({ totp: false, passkeys: 0 });
    await addPasskey(alice);
    await addPasskey(alice);
    await app.prisma.totpFactor.create({
      data: { userId: alice, encryptedSecret: "x", createdAt: app.clock.now() },
    });
    expect(await inventory.of(alice)).toEqual({ totp: false, passkeys: 2 }); // pending: not a factor yet
    await app.prisma.totpFactor.update({ where: { userId: alice }, data: { enabledAt: app.clock.now() } });
    expect(await inventory.of(alice)).toEqual({ totp: true, passkeys: 2 });
    expect(await inventory.of(bob)).toEqual({ totp: false, passkeys: 0 });
  });

  it("the password log-in reads whether the user has a passkey, with the user, in one statement", async () => {
    const users = new PrismaUserDataMapper(new PrismaUnitOfWork(app.prisma));
    expect(await users.readForLogIn(Username.create("alice"))).toMatchObject({ mfaEnabled: false, hasPasskey: false });
    await addPasskey(alice);
    await addPasskey(alice);
    expect(await users.readForLogIn(Username.create("alice"))).toMatchObject({ mfaEnabled: false, hasPasskey: true });
    expect(await users.readForLogIn(Username.create("bobby"))).toMatchObject({ hasPasskey: false });
  });
});
