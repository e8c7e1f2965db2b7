import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeOf, PASSWORD, startHarness, type Browser, type Harness, type Provider } from "./http-harness";

// Every procedure × every kind of caller, over real HTTP. "ok" means the call succeeds;
// otherwise the appCode it fails with. Users-procedures act on a fresh plain user.
// "deactivated" is a browser whose user an admin deactivated after it logged in.
type Caller = "anonymous" | "user" | "admin" | "super admin" | "deactivated";
const CALLERS: Caller[] = ["anonymous", "user", "admin", "super admin", "deactivated"];

const ok = "ok";
const NO_SESSION = "NOT_AUTHENTICATED";
const DENIED = "PERMISSION_DENIED";
const LOGGED_IN = "ALREADY_AUTHENTICATED";

//                                 anonymous   user       admin      super admin deactivated
const MATRIX: Record<string, [string, string, string, string, string]> = {
  "health.check": [ok, ok, ok, ok, ok],
  "account.signUp": [ok, LOGGED_IN, LOGGED_IN, LOGGED_IN, ok],
  "account.logIn": [ok, LOGGED_IN, LOGGED_IN, LOGGED_IN, ok],
  "account.logOut": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.changePassword": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.me": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.sessions": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.endSession": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.endOtherSessions": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "users.create": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "users.list": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "users.get": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "users.setPassword": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "users.grantAdmin": [NO_SESSION, DENIED, DENIED, ok, NO_SESSION],
  "users.revokeAdmin": [NO_SESSION, DENIED, DENIED, ok, NO_SESSION],
  "users.activate": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "users.deactivate": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "users.sessions": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "users.endSessions": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "audit.list": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
};

describe.each<Provider>(["sqlite", "postgresql"])("authorization matrix over HTTP on %s", (provider) => {
  let harness: Harness;
  let root: Browser;
  let counter = 0;
  const fresh = (prefix: string) => `${prefix}${(counter += 1)}`;

  beforeAll(async () => {
    harness = await startHarness({}, provider);
    await harness.bootstrapSuperAdmin("root.admin");
    root = await harness.loggedIn("root.admin");
  });

  afterAll(async () => {
    await harness.close();
  });

  async function newUser(role: "user" | "admin"): Promise<{ id: string; username: string }> {
    const username = fresh(role === "admin" ? "admin.no" : "user.no");
    const { id } = await root.client.users.create.mutate({ username, password: PASSWORD, role });
    return { id, username };
  }

  async function browserFor(caller: Caller): Promise<Browser> {
    if (caller === "anonymous") return harness.browser();
    if (caller === "super admin") return harness.loggedIn("root.admin");
    const account = await newUser(caller === "admin" ? "admin" : "user");
    const browser = await harness.loggedIn(account.username);
    if (caller === "deactivated") await root.client.users.deactivate.mutate({ userId: account.id });
    return browser;
  }

  async function call(procedure: string, { client }: Browser): Promise<string> {
    const target =
      procedure.startsWith("users.") && procedure !== "users.list" && procedure !== "users.create"
        ? await newUser("user")
        : null;
    const userId = target?.id ?? "";
    switch (procedure) {
      case "health.check":
        return outcomeOf(client.health.check.query());
      case "account.signUp":
        return outcomeOf(client.account.signUp.mutate({ username: fresh("signup.no"), password: PASSWORD }));
      case "account.logIn": {
        const other = await newUser("user");
        return outcomeOf(client.account.logIn.mutate({ username: other.username, password: PASSWORD }));
      }
      case "account.logOut":
        return outcomeOf(client.account.logOut.mutate());
      case "account.changePassword": {
        const outcome = await outcomeOf(
          client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: `${PASSWORD}!` }),
        );
        if (outcome === "ok") {
          // Put it back (the matrix logs in as these users again); that ended root's other sessions.
          await client.account.changePassword.mutate({ currentPassword: `${PASSWORD}!`, newPassword: PASSWORD });
          root = await harness.loggedIn("root.admin");
        }
        return outcome;
      }
      case "account.me":
        return outcomeOf(client.account.me.query());
      case "account.sessions":
        return outcomeOf(client.account.sessions.query());
      case "account.endSession": {
        const own = await client.account.sessions.query().catch(() => [{ id: "no-session" }]);
        return outcomeOf(client.account.endSession.mutate({ sessionId: own[0]!.id }));
      }
      case "account.endOtherSessions": {
        const outcome = await outcomeOf(client.account.endOtherSessions.mutate());
        if (outcome === "ok") root = await harness.loggedIn("root.admin"); // the super admin's other sessions ended
        return outcome;
      }
      case "users.create":
        return outcomeOf(
          client.users.create.mutate({ username: fresh("created.no"), password: PASSWORD, role: "user" }),
        );
      case "users.list":
        return outcomeOf(client.users.list.query({ limit: 5 }));
      case "users.get":
        return outcomeOf(client.users.get.query({ userId }));
      case "users.setPassword":
        return outcomeOf(client.users.setPassword.mutate({ userId, password: `${PASSWORD}?` }));
      case "users.grantAdmin":
        return outcomeOf(client.users.grantAdmin.mutate({ userId }));
      case "users.revokeAdmin":
        return outcomeOf(client.users.revokeAdmin.mutate({ userId }));
      case "users.activate":
        return outcomeOf(client.users.activate.mutate({ userId }));
      case "users.deactivate":
        return outcomeOf(client.users.deactivate.mutate({ userId }));
      case "users.sessions":
        return outcomeOf(client.users.sessions.query({ userId }));
      case "users.endSessions":
        return outcomeOf(client.users.endSessions.mutate({ userId }));
      case "audit.list":
        return outcomeOf(client.audit.list.query({ limit: 5 }));
      default:
        throw new Error(`no call for ${procedure}`);
    }
  }

  const cases = Object.entries(MATRIX).flatMap(([procedure, row]) =>
    CALLERS.map((caller, i) => ({ procedure, caller, expected: row[i]! })),
  );

  it.each(cases)("$procedure as $caller: $expected", async ({ procedure, caller, expected }) => {
    expect(await call(procedure, await browserFor(caller))).toBe(expected);
  });
});
