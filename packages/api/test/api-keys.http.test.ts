// API keys over real HTTP, on SQLite and PostgreSQL: a program calls Gatehouse with a key
// (Authorization: Bearer), as its owner, within the key's scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGatehouseClient } from "../src/client";
import { failureOf, PASSWORD, startHarness, type Harness, type Provider } from "./http-harness";

describe.each<Provider>(["sqlite", "postgresql"])("API keys (%s)", (provider) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({}, provider);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("a key made with the password acts as its owner; a read key only reads", async () => {
    const browser = harness.browser();
    await browser.client.account.signUp.mutate({ username: `keys.owner`, password: PASSWORD });
    await browser.client.account.logIn.mutate({ username: `keys.owner`, password: PASSWORD });
    const { id, key } = await browser.client.account.apiKeys.create.mutate({
      password: PASSWORD,
      name: "reporting job",
      scope: "read",
    });
    expect(key).toMatch(/^ghk_[A-Za-z0-9_-]{43}$/);
    const program = createGatehouseClient({ url: harness.url, apiKey: key });
    expect((await program.account.me.query()).username).toBe("keys.owner");
    expect((await failureOf(program.account.endOtherSessions.mutate())).data.appCode).toBe("API_KEY_SCOPE");
    expect((await failureOf(program.account.apiKeys.list.query())).data.appCode).toBe("API_KEY_SCOPE");
    const [listed] = await browser.client.account.apiKeys.list.query();
    expect(listed).toMatchObject({ id, name: "reporting job", scope: "read", prefix: key.slice(0, 12) });
    expect(listed!.lastUsedAt).not.toBeNull();

    await browser.client.account.apiKeys.revoke.mutate({ keyId: id });
    expect((await failureOf(program.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
  });
});
