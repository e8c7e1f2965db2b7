import { beforeEach, describe, expect, it } from "vitest";
import {
  FakeIdentityProvider,
  FakePasswordHasher,
  FakePasswordPolicy,
  FixedClock,
  InMemoryUserStore,
  SequentialIdGenerator,
} from "../../../test/in-memory-fakes";
import { UsernameTakenError } from "../../domain/errors/domain-error";
import { UserService } from "../../domain/user/user.service";
import type { UserId } from "../../domain/user/user.entity";
import { AlreadyAuthenticatedError, InputValidationError } from "../errors/application-error";
import { SignUpInteractor } from "./sign-up.interactor";

describe("SignUpInteractor", () => {
  let store: InMemoryUserStore;
  let identity: FakeIdentityProvider;
  let clock: FixedClock;
  let signUp: SignUpInteractor;

  beforeEach(() => {
    store = new InMemoryUserStore();
    identity = new FakeIdentityProvider();
    clock = new FixedClock();
    const userService = new UserService(new FakePasswordHasher(), new SequentialIdGenerator(), clock);
    signUp = new SignUpInteractor({
      identity,
      userService,
      passwordPolicy: new FakePasswordPolicy(),
      users: store,
      transactions: store,
      audit: store,
    });
  });

  it("creates an active user with the user role and a hashed password", async () => {
    const { id } = await signUp.execute({ username: "Alice.Smith", password: "correct horse" });

    const user = store.committed.get(id)!;
    expect(user.username.value).toBe("Alice.Smith");
    expect(user.role).toBe("user");
    expect(user.isActive).toBe(true);
    expect(user.passwordHash).toBe("hashed:correct horse");
    expect(user.createdAt).toEqual(clock.now());
    expect(user.updatedAt).toEqual(clock.now());
    expect(user.version).toBe(0);
  });

  it("refuses a username that differs from an existing one only in case", async () => {
    await signUp.execute({ username: "alice", password: "correct horse" });

    await expect(signUp.execute({ username: "ALICE", password: "other password" })).rejects.toThrow(UsernameTakenError);
    expect(store.committed.size).toBe(1);
  });

  it("names every invalid field at once", async () => {
    const error = await signUp.execute({ username: "al", password: "short" }).catch((e) => e);

    expect(error).toBeInstanceOf(InputValidationError);
    expect(error.fieldErrors).toEqual({
      username: ["Username must be 5–20 characters long."],
      password: ["Password must be 8–128 characters long."],
    });
    expect(store.committed.size).toBe(0);
  });

  it("refuses a caller who is already logged in", async () => {
    identity.userId = "00000000-0000-7000-8000-000000000099" as UserId;

    await expect(signUp.execute({ username: "alice", password: "correct horse" })).rejects.toThrow(
      AlreadyAuthenticatedError,
    );
    expect(store.committed.size).toBe(0);
  });
});
