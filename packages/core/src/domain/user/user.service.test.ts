import { describe, expect, it } from "vitest";
import { FakePasswordHasher, FixedClock, makeUser, SequentialIdGenerator } from "../../../test/domain-fakes";
import { RoleChangeNotPermittedError } from "../errors/domain-error";
import { RawPassword } from "./raw-password.value-object";
import { UserService } from "./user.service";
import { Username } from "./username.value-object";

function createWorld() {
  const clock = new FixedClock();
  const userService = new UserService(new FakePasswordHasher(), new SequentialIdGenerator(), clock);
  return { clock, userService, seed: makeUser };
}

describe("UserService", () => {
  it("creates an active user with a hashed password, an id and the clock's time", async () => {
    const { userService, clock } = createWorld();
    const user = await userService.createUser(
      Username.create("new.person"),
      RawPassword.create("correct horse"),
      "admin",
    );

    expect(user).toMatchObject({ role: "admin", isActive: true, version: 0, passwordHash: "hashed:correct horse" });
    expect(user.createdAt).toEqual(clock.now());
    expect(user.id).toMatch(/^00000000-0000-7000-8000-\d{12}$/);
  });

  it("creates plain users by default", async () => {
    const user = await createWorld().userService.createUser(
      Username.create("new.person"),
      RawPassword.create("correct horse"),
    );
    expect(user.role).toBe("user");
  });

  it("verifies and changes passwords", async () => {
    const { userService, seed, clock } = createWorld();
    const user = seed("plain.user");
    expect(await userService.verifyPassword(user, RawPassword.create("correct horse"))).toBe(true);
    expect(await userService.verifyPassword(user, RawPassword.create("wrong horse"))).toBe(false);

    clock.advance(60_000);
    await userService.changePassword(user, RawPassword.create("battery staple"));
    expect(await userService.verifyPassword(user, RawPassword.create("battery staple"))).toBe(true);
    expect(user.updatedAt).toEqual(clock.now());
  });

  it("grants and revokes admin idempotently, never on a super admin", () => {
    const { userService, seed } = createWorld();
    const user = seed("plain.user");
    expect(userService.grantAdmin(user)).toBe(true);
    expect(userService.grantAdmin(user)).toBe(false);
    expect(userService.revokeAdmin(user)).toBe(true);
    expect(userService.revokeAdmin(user)).toBe(false);
    expect(userService.setActivation(user, false)).toBe(true);
    expect(() => userService.grantAdmin(seed("root.admin", "super_admin"))).toThrow(RoleChangeNotPermittedError);
  });
});
