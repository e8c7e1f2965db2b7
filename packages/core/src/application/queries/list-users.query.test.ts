import { beforeEach, describe, expect, it, vi } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import { Username } from "../../domain/user/username.value-object";
import { User } from "../../domain/user/user.entity";
import { permittedUserActions } from "../authorization/user-actions";
import type { ListUsersRequest } from "./list-users.query";

let world: World;

beforeEach(() => {
  world = createWorld();
  world.actAs(world.seed("root.admin", "super_admin"));
});

/** Follows `nextCursor` to the end and returns every page's usernames. */
async function allPages(request: ListUsersRequest): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = await world.useCases.listUsers.execute({ ...request, cursor });
    pages.push(page.items.map((item) => item.username));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

/** Users that all share one creation time: only the id tells them apart. */
function seedSameInstant(names: string[]): void {
  const createdAt = new Date("2026-03-03T03:03:03.000Z");
  names.forEach((name, i) => {
    const id = `01900000-0000-7000-8000-${String(900 - i).padStart(12, "0")}` as User["id"];
    const user = new User({
      id,
      username: Username.create(name),
      passwordHash: "hashed:x" as User["passwordHash"],
      role: "user",
      isActive: true,
      createdAt,
      updatedAt: createdAt,
      version: 0,
    });
    world.store.committed.set(id, user);
  });
}

describe("ListUsersQuery", () => {
  it("pages by createdAt, newest first by default, without skipping or repeating", async () => {
    for (const name of ["user.one", "user.two", "user.three", "user.four", "user.five"]) world.seed(name);

    const pages = await allPages({ limit: 2 });

    expect(pages).toEqual([
      ["user.five", "user.four"],
      ["user.three", "user.two"],
      ["user.one", "root.admin"],
    ]);
  });

  it("breaks ties on the sort value by id, so equal timestamps never split badly across pages", async () => {
    const names = Array.from({ length: 7 }, (_, i) => `same.time${i}`);
    seedSameInstant(names);

    for (const order of ["asc", "desc"] as const) {
      const pages = await allPages({ limit: 3, order, sortBy: "createdAt" });
      const seen = pages.flat().filter((name) => name.startsWith("same.time"));
      expect(new Set(seen).size).toBe(7);
      expect(seen).toHaveLength(7);
      expect(pages.every((page) => page.length <= 3)).toBe(true);
    }
  });

  it("sorts by username case-insensitively in both orders", async () => {
    for (const name of ["bravo", "Alpha", "charlie", "Delta"]) world.seed(name);

    expect((await allPages({ sortBy: "username", order: "asc", limit: 10 })).flat()).toEqual([
      "Alpha",
      "bravo",
      "charlie",
      "Delta",
      "root.admin",
    ]);
    expect((await allPages({ sortBy: "username", order: "desc", limit: 2 })).flat()).toEqual([
      "root.admin",
      "Delta",
      "charlie",
      "bravo",
      "Alpha",
    ]);
  });

  it("filters by search (case-insensitive substring), role and activity, and counts the matches", async () => {
    world.seed("Mary.Admin", "admin");
    world.seed("mary.user", "user");
    world.seed("old.mary", "user", false);
    world.seed("john.doe", "user");

    const search = await world.useCases.listUsers.execute({
      search: "  MARY ",
      includeTotal: true,
      sortBy: "username",
      order: "asc",
    });
    expect(search.items.map((item) => item.username)).toEqual(["Mary.Admin", "mary.user", "old.mary"]);
    expect(search.total).toBe(3);

    const admins = await world.useCases.listUsers.execute({ role: "admin" });
    expect(admins.items.map((item) => item.username)).toEqual(["Mary.Admin"]);

    const inactive = await world.useCases.listUsers.execute({ isActive: false, includeTotal: true });
    expect(inactive).toMatchObject({ items: [{ username: "old.mary", isActive: false }], total: 1, nextCursor: null });
  });

  it("reports the total only when asked, and it ignores paging", async () => {
    for (const name of ["user.one", "user.two", "user.three"]) world.seed(name);

    expect(await world.useCases.listUsers.execute({ limit: 1 })).not.toHaveProperty("total");
    expect((await world.useCases.listUsers.execute({ limit: 1, includeTotal: true })).total).toBe(4);
  });

  it("returns list items, not entities", async () => {
    const page = await world.useCases.listUsers.execute();
    expect(page.items[0]).toEqual({
      id: expect.any(String),
      username: "root.admin",
      role: "super_admin",
      isActive: true,
      createdAt: expect.any(Date),
      lastLogInAt: null,
      mfaEnabled: false,
      can: expect.any(Object),
    });
    expect(page.nextCursor).toBeNull();
  });

  it("says on every item what the caller may do to that user, by core's permissions", async () => {
    const admin = world.seed("an.admin", "admin");
    world.seed("a.user", "user");
    world.actAs(admin);

    const { items } = await world.useCases.listUsers.execute({ sortBy: "username", order: "asc" });

    const can = Object.fromEntries(items.map((item) => [item.username, item.can]));
    expect(Object.keys(can)).toEqual(["a.user", "an.admin", "root.admin"]);
    for (const item of items) expect(item.can).toEqual(permittedUserActions(admin, item));
    expect(can["a.user"]).toMatchObject({ setPassword: true, deactivate: true, grantAdmin: false });
    expect(Object.values(can["an.admin"]!).some(Boolean)).toBe(false);
    expect(Object.values(can["root.admin"]!).some(Boolean)).toBe(false);
  });

  it.each([
    [{ limit: 0 }, "limit", "Limit must be a whole number from 1 to 100."],
    [{ limit: 101 }, "limit", "Limit must be a whole number from 1 to 100."],
    [{ limit: 2.5 }, "limit", "Limit must be a whole number from 1 to 100."],
    [{ sortBy: "passwordHash" }, "sortBy", "Sort key must be one of username, createdAt."],
    [{ order: "sideways" }, "order", "Order must be one of asc, desc."],
    [{ role: "root" }, "role", "Role must be one of super_admin, admin, user."],
    [{ search: "x".repeat(101) }, "search", "Search must be at most 100 characters."],
    [{ cursor: "not a cursor!" }, "cursor", "Cursor is not valid for this list; start again from the first page."],
  ] as Array<[ListUsersRequest, string, string]>)("refuses %j naming %s", async (request, field, message) => {
    await expect(world.useCases.listUsers.execute(request)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { [field]: [message] },
    });
  });

  it("searches for at most 100 characters, and a blank search is no search", async () => {
    world.seed("user.one");
    const listUsers = vi.spyOn(world.store, "listUsers");
    const all = await world.useCases.listUsers.execute({ search: "   ", includeTotal: true });
    expect(all.total).toBe(2);
    expect(listUsers.mock.calls[0]![0].filter.search).toBeNull();
    await world.useCases.listUsers.execute({ search: ` ${"A".repeat(100)} ` });
    expect(listUsers.mock.calls[1]![0].filter.search).toBe("a".repeat(100));
    await expect(world.useCases.listUsers.execute({ search: "a".repeat(101) })).rejects.toMatchObject({
      fieldErrors: { search: ["Search must be at most 100 characters."] },
    });
  });

  it("accepts limits 1 and 100", async () => {
    world.seed("user.one");
    expect((await world.useCases.listUsers.execute({ limit: 1 })).items).toHaveLength(1);
    expect((await world.useCases.listUsers.execute({ limit: 100 })).items).toHaveLength(2);
  });

  it("refuses a cursor from another sort order", async () => {
    for (const name of ["user.one", "user.two"]) world.seed(name);
    const { nextCursor } = await world.useCases.listUsers.execute({ limit: 1, sortBy: "username" });

    await expect(world.useCases.listUsers.execute({ cursor: nextCursor, sortBy: "createdAt" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { cursor: ["Cursor belongs to another sort order; start again from the first page."] },
    });
  });
});
