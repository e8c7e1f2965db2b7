import { describe, expect, it } from "vitest";
import {
  FakeIdentityProvider,
  FakePasswordHasher,
  FakePasswordPolicy,
  FixedClock,
  InMemoryUserStore,
  SequentialIdGenerator,
} from "../../../test/in-memory-fakes";
import type { UserId } from "../../domain/user/user.entity";
import { UserService } from "../../domain/user/user.service";
import { SignUpInteractor } from "../commands/sign-up.interactor";
import { NotAuthenticatedError } from "../errors/application-error";
import { CurrentAccountQuery } from "./current-account.query";

async function storeWithAlice() {
  const store = new InMemoryUserStore();
  const userService = new UserService(new FakePasswordHasher(), new SequentialIdGenerator(), new FixedClock());
  const signUp = new SignUpInteractor({
    identity: new FakeIdentityProvider(),
    userService,
    passwordPolicy: new FakePasswordPolicy(),
    users: store,
    transactions: store,
    audit: store,
  });
  const { id } = await signUp.execute({ username: "alice", password: "correct horse" });
  return { store, id };
}

describe("CurrentAccountQuery", () => {
  it("returns the caller's own account", async () => {
    const { store, id } = await storeWithAlice();

    const account = await new CurrentAccountQuery(new FakeIdentityProvider(id), store).execute();

    expect(account).toEqual({
      id,
      username: "alice",
      role: "user",
      isActive: true,
      createdAt: new Date("2026-01-01T00:00:00.000Z"),
    });
  });

  it("refuses an anonymous caller", async () => {
    const { store } = await storeWithAlice();

    await expect(new CurrentAccountQuery(new FakeIdentityProvider(null), store).execute()).rejects.toThrow(
      NotAuthenticatedError,
    );
  });

  it("treats a session whose user no longer exists as logged out", async () => {
    const { store } = await storeWithAlice();
    const ghost = "00000000-0000-7000-8000-000000000404" as UserId;

    await expect(new CurrentAccountQuery(new FakeIdentityProvider(ghost), store).execute()).rejects.toThrow(
      NotAuthenticatedError,
    );
  });
});
