import { RawPassword, User, Username, type UserId } from "@gatehouse/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaUserReader } from "../src/index";
import { userToPersistence } from "../src/persistence/user.mapper";
import { TEST_PROVIDERS } from "../src/testing";
import { createTestApp, type TestApp } from "./fixtures";

const filter = { search: null, role: null, isActive: null } as const;

describe.each(TEST_PROVIDERS)("PrismaUserReader on %s", (provider) => {
  let app: TestApp;
  let reader: PrismaUserReader;

  beforeAll(async () => {
    app = await createTestApp(provider);
    reader = app.userReader;
    const sameInstant = new Date("2026-01-01T00:00:00.000Z");
    const names = ["Alpha", "bravo", "Charlie", "delta", "echo_1", "echox1", "Foxtrot", "golf.x"];
    const hash = await app.hasher.hash(RawPassword.create("correct horse"));
    await app.prisma.user.createMany({
      data: names.map((name, i) =>
        userToPersistence(
          new User({
            id: `01900000-0000-7000-8000-${String(100 + i).padStart(12, "0")}` as UserId,
            username: Username.create(name),
            passwordHash: hash,
            role: i % 3 === 0 ? "admin" : "user",
            isActive: i !== 2,
            // four share one instant: only the id orders them
            createdAt: i < 4 ? sameInstant : new Date(sameInstant.getTime() + i * 1000),
            updatedAt: sameInstant,
            version: 0,
          }),
        ),
      ),
    });
  });

  afterAll(async () => {
    await app.close();
  });

  async function walk(by: "username" | "createdAt", order: "asc" | "desc", pageSize: number): Promise<string[]> {
    const seen: string[] = [];
    let after: { usernameKey: string; id: UserId } | { createdAt: Date; id: UserId } | null = null;
    for (;;) {
      const sort = { by, order, after } as Parameters<PrismaUserReader["listUsers"]>[0]["sort"];
      const page = await reader.listUsers({ filter, sort, limit: pageSize });
      seen.push(...page.map((item) => item.username));
      const last = page.at(-1);
      if (page.length < pageSize || !last) return seen;
      after =
        by === "username"
          ? { usernameKey: last.username.toLowerCase(), id: last.id }
          : { createdAt: last.createdAt, id: last.id };
    }
  }

  it.each([
    ["username", "asc", ["Alpha", "bravo", "Charlie", "delta", "echo_1", "echox1", "Foxtrot", "golf.x"]],
    ["username", "desc", ["golf.x", "Foxtrot", "echox1", "echo_1", "delta", "Charlie", "bravo", "Alpha"]],
    ["createdAt", "asc", ["Alpha", "bravo", "Charlie", "delta", "echo_1", "echox1", "Foxtrot", "golf.x"]],
    ["createdAt", "desc", ["golf.x", "Foxtrot", "echox1", "echo_1", "delta", "Charlie", "bravo", "Alpha"]],
  ] as const)("walks every row once by %s %s, in pages of 3", async (by, order, expected) => {
    expect(await walk(by, order, 3)).toEqual(expected);
  });

  it("filters by search as a literal, case-insensitive substring (no SQL wildcards)", async () => {
    const search = async (text: string) =>
      (
        await reader.listUsers({
          filter: { ...filter, search: text },
          sort: { by: "username", order: "asc", after: null },
          limit: 20,
        })
      ).map((item) => item.username);
    expect(await search("ch")).toEqual(["Charlie", "echo_1", "echox1"]);
    expect(await search("o_1")).toEqual(["echo_1"]);
    expect(await search("%")).toEqual([]);
    expect(await search("alp")).toEqual(["Alpha"]);
  });

  it("filters by role and activity and counts matches", async () => {
    expect(await reader.countUsers(filter)).toBe(8);
    expect(await reader.countUsers({ ...filter, role: "admin" })).toBe(3);
    expect(await reader.countUsers({ ...filter, isActive: false })).toBe(1);
    const inactive = await reader.listUsers({
      filter: { ...filter, isActive: false },
      sort: { by: "createdAt", order: "asc", after: null },
      limit: 5,
    });
    expect(inactive).toEqual([
      {
        id: "01900000-0000-7000-8000-000000000102",
        username: "Charlie",
        role: "user",
        isActive: false,
        createdAt: expect.any(Date),
        lastLogInAt: null,
        mfaEnabled: false,
      },
    ]);
  });

  it("says whose two-factor is on: an enabled factor, not a pending one", async () => {
    const [bravo, charlie] = ["01900000-0000-7000-8000-000000000101", "01900000-0000-7000-8000-000000000102"];
    const createdAt = new Date();
    await app.prisma.totpFactor.createMany({
      data: [
        { userId: bravo, encryptedSecret: "x", enabledAt: createdAt, lastAcceptedStep: null, createdAt },
        { userId: charlie, encryptedSecret: "y", enabledAt: null, lastAcceptedStep: null, createdAt },
      ],
    });
    try {
      const page = await reader.listUsers({ filter, sort: { by: "username", order: "asc", after: null }, limit: 20 });
      expect(page.filter((item) => item.mfaEnabled).map((item) => item.username)).toEqual(["bravo"]);
      const searched = await reader.listUsers({
        filter: { ...filter, search: "bra" },
        sort: { by: "createdAt", order: "desc", after: null },
        limit: 20,
      });
      expect(searched.map((item) => [item.username, item.mfaEnabled])).toEqual([["bravo", true]]);
      expect((await reader.readListItem(bravo as UserId))?.mfaEnabled).toBe(true);
      expect((await reader.readListItem(charlie as UserId))?.mfaEnabled).toBe(false);
    } finally {
      await app.prisma.totpFactor.deleteMany({});
    }
  });
});
