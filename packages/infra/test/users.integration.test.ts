import { UsernameTakenError, Username, RawPassword } from "@gatehouse/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConcurrentUpdateError } from "../src/index";
import { TEST_PROVIDERS } from "../src/testing";
import { createTestApp, type TestApp } from "./fixtures";

describe.each(TEST_PROVIDERS)("users on %s", (provider) => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp(provider);
  });

  afterEach(async () => {
    await app.close();
  });

  it("signs a user up and reads back a domain User, case-insensitively by name", async () => {
    const { id } = await app.request().signUp.execute({ username: "Alice.Smith", password: "correct horse" });

    const user = await app.request().users.readByUsername(Username.create("alice.smith"));
    expect(user?.id).toBe(id);
    expect(user?.username.value).toBe("Alice.Smith");
    expect(user?.role).toBe("user");
    expect(user?.isActive).toBe(true);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("lets exactly one of 50 concurrent sign-ups take a username, whatever its case", async () => {
    const spellings = Array.from({ length: 50 }, (_, i) =>
      [..."racer"].map((char, j) => ((i >> j) & 1 ? char.toUpperCase() : char)).join(""),
    );
    const attempts = await Promise.allSettled(
      spellings.map((username) => app.request().signUp.execute({ username, password: "correct horse" })),
    );

    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const rejections = attempts.filter((a) => a.status === "rejected");
    expect(rejections).toHaveLength(49);
    for (const rejection of rejections) expect(rejection.reason).toBeInstanceOf(UsernameTakenError);
    expect(await app.prisma.user.count()).toBe(1);
  });

  it("sends the registered writes when the work returns, and commits them", async () => {
    const { unitOfWork, users } = app.request();
    const user = await app.userService.createUser(Username.create("committed"), RawPassword.create("correct horse"));

    await unitOfWork.run(async () => {
      users.add(user);
      expect(await users.readById(user.id)).toBeNull(); // registered, not sent yet
    });

    expect(await app.request().users.readById(user.id)).not.toBeNull();
  });

  it("commits nothing when a write fails after others were sent", async () => {
    const { unitOfWork, users } = app.request();
    const user = await app.userService.createUser(Username.create("rollback"), RawPassword.create("correct horse"));

    await expect(
      unitOfWork.run(async () => {
        users.add(user);
        unitOfWork.register(async () => {
          expect(await users.readById(user.id)).not.toBeNull(); // sent, visible inside the transaction
          throw new Error("a later write failed");
        });
      }),
    ).rejects.toThrow("a later write failed");

    expect(await app.prisma.user.count()).toBe(0);
  });

  it("commits nothing when the work fails after registering writes", async () => {
    const { unitOfWork, users } = app.request();
    const user = await app.userService.createUser(Username.create("rollback"), RawPassword.create("correct horse"));

    await expect(
      unitOfWork.run(async () => {
        users.add(user);
        throw new Error("something later in the use case failed");
      }),
    ).rejects.toThrow("something later in the use case failed");

    expect(await app.prisma.user.count()).toBe(0);
    await unitOfWork.run(async () => undefined);
    expect(await app.prisma.user.count()).toBe(0); // nor on the unit of work's next run
  });
});

describe.each(TEST_PROVIDERS)("updates on %s", (provider) => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp(provider);
  });

  afterEach(async () => {
    await app.close();
  });

  it("bumps the version on every saved change", async () => {
    const { id } = await app.request().signUp.execute({ username: "versioned", password: "correct horse" });
    const { users, unitOfWork } = app.request();
    const user = (await users.readById(id))!;
    app.userService.grantAdmin(user);
    await unitOfWork.run(async () => users.update(user));

    const saved = (await app.request().users.readById(id))!;
    expect(saved.role).toBe("admin");
    expect(saved.version).toBe(1);
  });

  it("refuses a lost update: the second of two writers that read the same version fails", async () => {
    const { id } = await app.request().signUp.execute({ username: "contested", password: "correct horse" });
    const first = app.request();
    const second = app.request();
    const a = (await first.users.readById(id))!;
    const b = (await second.users.readById(id))!;

    app.userService.grantAdmin(a);
    await first.unitOfWork.run(async () => first.users.update(a));
    app.userService.setActivation(b, false);
    await expect(second.unitOfWork.run(async () => second.users.update(b))).rejects.toThrow(ConcurrentUpdateError);

    const saved = (await app.request().users.readById(id))!;
    expect(saved).toMatchObject({ role: "admin", isActive: true, version: 1 }); // the first write, intact
  });
});
