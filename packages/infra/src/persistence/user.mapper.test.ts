import { User, Username, type PasswordHash, type UserId } from "@gatehouse/core";
import { describe, expect, it } from "vitest";
import { userToAccountView, userToDomain, userToListItem, userToPersistence } from "./user.mapper";

const row = {
  id: "0190f0e4-1234-7abc-8def-0123456789ab",
  username: "Mary.Admin",
  usernameKey: "mary.admin",
  passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
  role: "admin",
  isActive: false,
  createdAt: new Date("2026-01-02T03:04:05.678Z"),
  updatedAt: new Date("2026-02-03T04:05:06.789Z"),
  version: 7,
};

describe("user mapper", () => {
  it("maps a row to a domain User and back without loss", () => {
    const user = userToDomain(row);
    expect(user).toBeInstanceOf(User);
    expect(user.username).toBeInstanceOf(Username);
    expect(user.username.value).toBe("Mary.Admin");
    expect({ role: user.role, isActive: user.isActive, version: user.version }).toEqual({
      role: "admin",
      isActive: false,
      version: 7,
    });
    expect(userToPersistence(user)).toEqual(row);
  });

  it("writes the lower-cased key that makes usernames unique ignoring case", () => {
    const user = new User({
      ...userToDomain(row),
      id: row.id as UserId,
      username: Username.create("SHOUTY.Name"),
      passwordHash: row.passwordHash as PasswordHash,
      role: "user",
      isActive: true,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: 0,
    });
    expect(userToPersistence(user)).toMatchObject({ username: "SHOUTY.Name", usernameKey: "shouty.name" });
  });

  it("maps a list row's last log-in from a Date, SQLite's text, or null (never logged in)", () => {
    const listRow = { ...row, lastLogInAt: new Date("2026-03-04T05:06:07.890Z"), mfaEnabled: false };
    expect(userToListItem(listRow)).toEqual({
      ...userToAccountView(row),
      lastLogInAt: listRow.lastLogInAt,
      mfaEnabled: false,
    });
    expect(userToListItem({ ...listRow, lastLogInAt: "2026-03-04T05:06:07.890+00:00" }).lastLogInAt).toEqual(
      listRow.lastLogInAt,
    );
    expect(userToListItem({ ...listRow, lastLogInAt: null }).lastLogInAt).toBeNull();
  });

  it("maps whether two-factor is on from a boolean or SQLite's 0/1", () => {
    const listRow = { ...row, lastLogInAt: null };
    expect(userToListItem({ ...listRow, mfaEnabled: true }).mfaEnabled).toBe(true);
    expect(userToListItem({ ...listRow, mfaEnabled: 1 }).mfaEnabled).toBe(true);
    expect(userToListItem({ ...listRow, mfaEnabled: 0n }).mfaEnabled).toBe(false);
    expect(userToListItem({ ...listRow, mfaEnabled: false }).mfaEnabled).toBe(false);
  });

  it("refuses a row with a role the domain does not know", () => {
    expect(() => userToDomain({ ...row, role: "wizard" })).toThrow('unknown role "wizard"');
  });

  it("reads a raw SQL row (SQLite's 0/1, ISO text, bigint) as it reads Prisma's", () => {
    const raw = {
      ...row,
      isActive: 0,
      createdAt: "2026-01-02T03:04:05.678+00:00",
      updatedAt: "2026-02-03T04:05:06.789+00:00",
      version: 7n,
    };
    expect(userToPersistence(userToDomain(raw))).toEqual(row);
    expect(userToDomain({ ...raw, isActive: 1n }).isActive).toBe(true);
  });
});

describe("user mapper: account views (list items, account.me, the session check's owner)", () => {
  const view = {
    id: row.id,
    username: "Mary.Admin",
    role: "admin",
    isActive: false,
    createdAt: new Date("2026-01-02T03:04:05.678Z"),
  };

  it("maps the account columns of a row, as the ORM or a driver returns them", () => {
    const fromOrm = { id: row.id, username: row.username, role: row.role, isActive: false, createdAt: row.createdAt };
    expect(userToAccountView(fromOrm)).toEqual(view);
    expect(userToAccountView({ ...fromOrm, isActive: 0, createdAt: "2026-01-02T03:04:05.678+00:00" })).toEqual(view);
    expect(userToAccountView({ ...fromOrm, isActive: 1 }).isActive).toBe(true);
    expect(userToAccountView({ ...fromOrm, isActive: true }).isActive).toBe(true);
  });

  it("refuses a row with a role the domain does not know", () => {
    expect(() => userToAccountView({ ...row, role: "wizard" })).toThrow('unknown role "wizard"');
  });
});
