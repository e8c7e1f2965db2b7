import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppUnderTest, SCREENSHOTS, startAppAndBrowser, VIEWPORT } from "./app-under-test";
import { apiAs, bootstrapSuperAdmin } from "./seed";

const ROOT_PASSWORD = "root password 1";
const PASSWORD = "correct horse battery";
const PHONE = VIEWPORT.phone;
const DESKTOP = VIEWPORT.desktop;

let app: AppUnderTest;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startAppAndBrowser();
  await bootstrapSuperAdmin(app, "root.admin", ROOT_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/**
 * Users one test needs, made through the API by the super admin: each test makes its own
 * (names no other test uses), so any test passes alone, in any order.
 */
async function seed(...users: Array<{ username: string; role?: "user" | "admin" }>) {
  const api = await apiAs(app, "root.admin", ROOT_PASSWORD);
  const ids = new Map<string, string>();
  for (const { username, role = "user" } of users)
    ids.set(username, (await api.users.create.mutate({ username, password: PASSWORD, role })).id);
  return { api, ids };
}

/** What a password manager reads of a field. */
const passwordFieldOf = (field: Locator) =>
  field.evaluate((input: HTMLInputElement) => ({ type: input.type, autocomplete: input.getAttribute("autocomplete") }));

async function logIn(username: string, password: string, viewport = DESKTOP): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL(`${app.url}/account`);
  return page;
}

const rows = (page: Page) => page.locator("tbody tr");
const usernames = async (page: Page) =>
  (await page.locator("tbody th[scope=row]").allTextContents()).map((text) => text.trim());
const rowOf = (page: Page, username: string): Locator =>
  rows(page).filter({
    has: page.locator("th[scope=row]", { hasText: new RegExp(`^${username.replace(".", "\\.")}$`) }),
  });

async function showOnly(page: Page, search: string) {
  await page.getByLabel("Search").fill(search);
  await page.waitForFunction((text) => {
    const cells = [...document.querySelectorAll("tbody th[scope=row]")].map((cell) => cell.textContent ?? "");
    return cells.length > 0 && cells.every((cell) => cell.toLowerCase().includes(text));
  }, search.toLowerCase());
}

describe("the admin console in a real browser", () => {
  it("lets the super admin create, find, sort, page and administer users", async () => {
    const api = await apiAs(app, "root.admin", ROOT_PASSWORD);
    // Counted from whoever is there already (the super admin, and what other tests made).
    const before = (await api.users.list.query({ includeTotal: true })).total!;
    for (let i = 1; i <= 60; i++) {
      await api.users.create.mutate({
        username: `bulk.user${String(i).padStart(2, "0")}`,
        password: PASSWORD,
        role: "user",
      });
    }
    const page = await logIn("root.admin", ROOT_PASSWORD);
    await page.getByRole("link", { name: "Users" }).click();
    await page.waitForURL(`${app.url}/admin/users`);
    await page.getByText(`${before + 60} users`).waitFor();

    // Create an admin and a user through the form.
    const createForm = page.getByRole("form", { name: "Create user" });
    await createForm.getByLabel("Username").fill("the.admin");
    await createForm.getByLabel("Password").fill(PASSWORD);
    await createForm.getByLabel("Role").selectOption("admin");
    await createForm.getByRole("button", { name: "Create user" }).click();
    await page.getByText("Created the.admin.").waitFor();
    await createForm.getByLabel("Username").fill("victim.user");
    await createForm.getByLabel("Password").fill(PASSWORD);
    await createForm.getByRole("button", { name: "Create user" }).click();
    await page.getByText("Created victim.user.").waitFor();
    await createForm.getByLabel("Username").fill("victim.user");
    await createForm.getByLabel("Password").fill(PASSWORD);
    await createForm.getByRole("button", { name: "Create user" }).click();
    await createForm.getByText("This username is already taken.").waitFor();
    const total = before + 62;
    await page.getByText(`${total} users`).waitFor();

    // Page through everyone, 20 a page, no row twice.
    const pages = Math.ceil(total / 20);
    expect(pages).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    for (let pageNo = 1; pageNo <= pages; pageNo++) {
      await page.getByText(`${total} users · page ${pageNo}`).waitFor();
      await page.locator('table[aria-busy="false"]').waitFor();
      seen.push(...(await usernames(page)));
      if (pageNo < pages) await page.getByRole("button", { name: "Next" }).click();
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(await page.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Previous" }).click();
    await page.getByText(`${total} users · page ${pages - 1}`).waitFor();

    // Search, then sort by username both ways with the header.
    await showOnly(page, "bulk.user0");
    await page.getByText("9 users").waitFor();
    await page.getByRole("button", { name: /^Username/ }).click();
    await page.waitForFunction(() => document.querySelector("tbody th")?.textContent === "bulk.user01");
    await page.getByRole("button", { name: /^Username/ }).click();
    await page.waitForFunction(() => document.querySelector("tbody th")?.textContent === "bulk.user09");
    expect(await page.locator("th[aria-sort=descending]").textContent()).toContain("Username");

    // Filter by role: of the users named "the.", the admin alone.
    await page.getByLabel("Search").fill("the.");
    await page.getByLabel("Role", { exact: true }).first().selectOption("admin");
    await page.getByText(/^1 user · page 1$/).waitFor();
    expect(await usernames(page)).toEqual(["the.admin"]);
    await page.getByLabel("Role", { exact: true }).first().selectOption("");
    await page.getByLabel("Search").fill("");

    // Set a password, grant and revoke admin, all visible without a reload.
    await showOnly(page, "victim");
    const victimRow = rowOf(page, "victim.user");
    await victimRow.getByRole("button", { name: "Set password" }).click();
    await victimRow.getByLabel("New password for victim.user").fill("a fresh password");
    await victimRow.getByRole("button", { name: "Save password" }).click();
    await victimRow.getByText("Password set; their sessions ended.").waitFor();

    await victimRow.getByRole("button", { name: "Grant admin victim.user" }).click();
    await victimRow.getByRole("cell", { name: "Admin", exact: true }).waitFor();
    await victimRow.getByRole("button", { name: "Revoke admin victim.user" }).click();
    await victimRow.getByText("Take admin rights from victim.user?").waitFor();
    await victimRow.getByRole("button", { name: "Confirm" }).click();
    await victimRow.getByRole("cell", { name: "User", exact: true }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/admin-users-desktop.png`, fullPage: true });

    // Deactivate the victim while they have the app open: their next action sends them to log in.
    const victim = await logIn("victim.user", "a fresh password");
    await victimRow.getByRole("button", { name: "Deactivate victim.user" }).click();
    await victimRow.getByRole("button", { name: "Confirm" }).click();
    await victimRow.getByText("Inactive").waitFor();
    await victim.getByLabel("Current password").fill("a fresh password");
    await victim.getByLabel("New password").fill("another password");
    await victim.getByRole("button", { name: "Change password" }).click();
    await victim.waitForURL(`${app.url}/login`);

    await page.getByLabel("Status").selectOption("inactive");
    await page.waitForFunction(
      () => [...document.querySelectorAll("tbody th")].map((c) => c.textContent).join() === "victim.user",
    );
    await victimRow.getByRole("button", { name: "Activate victim.user" }).click();
    await page.getByText("No users match.").waitFor(); // no longer among the inactive
    await page.getByLabel("Status").selectOption("");
    await victimRow.getByText("Active", { exact: true }).waitFor();
  });

  it("shows an admin only what an admin may do", async () => {
    await seed({ username: "scoped.admin", role: "admin" }, { username: "scoped.user" });
    const page = await logIn("scoped.admin", PASSWORD);
    await page.goto(`${app.url}/admin/users`);
    const createForm = page.getByRole("form", { name: "Create user" });
    expect(await createForm.getByLabel("Role").locator("option").allTextContents()).toEqual(["User"]);
    await showOnly(page, "root.admin");
    expect(await rowOf(page, "root.admin").getByRole("button").count()).toBe(0);
    await showOnly(page, "scoped.user");
    const row = rowOf(page, "scoped.user");
    expect(await row.getByRole("button").allTextContents()).toEqual(["Sessions", "Set password", "Deactivate"]);
  });

  it("gives every password field type=password and the autocomplete a password manager needs", async () => {
    await seed({ username: "field.user" });
    const anonymous = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await anonymous.goto(`${app.url}/signup`);
    expect(await passwordFieldOf(anonymous.getByLabel("Password"))).toEqual({
      type: "password",
      autocomplete: "new-password",
    });
    await anonymous.goto(`${app.url}/login`);
    expect(await passwordFieldOf(anonymous.getByLabel("Password"))).toEqual({
      type: "password",
      autocomplete: "current-password",
    });

    const account = await logIn("field.user", PASSWORD);
    expect(await passwordFieldOf(account.getByLabel("Current password"))).toEqual({
      type: "password",
      autocomplete: "current-password",
    });
    expect(await passwordFieldOf(account.getByLabel("New password"))).toEqual({
      type: "password",
      autocomplete: "new-password",
    });

    const admin = await logIn("root.admin", ROOT_PASSWORD);
    await admin.goto(`${app.url}/admin/users`);
    const createForm = admin.getByRole("form", { name: "Create user" });
    expect(await passwordFieldOf(createForm.getByLabel("Password"))).toEqual({
      type: "password",
      autocomplete: "new-password",
    });
    await showOnly(admin, "field.user");
    const row = rowOf(admin, "field.user");
    await row.getByRole("button", { name: "Set password" }).click();
    expect(await passwordFieldOf(row.getByLabel("New password for field.user"))).toEqual({
      type: "password",
      autocomplete: "new-password",
    });
  });

  it("lets a user end another of their sessions, and an admin end all of them", async () => {
    await seed({ username: "two.devices" });
    const laptop = await logIn("two.devices", PASSWORD);
    const phone = await logIn("two.devices", PASSWORD, PHONE);

    await laptop.reload();
    const sessions = laptop
      .getByRole("region", { name: "Sessions" })
      .or(laptop.locator("section", { has: laptop.getByRole("heading", { name: "Sessions" }) }));
    await sessions.getByText("This session").waitFor();
    await sessions.getByRole("button", { name: /^End session from/ }).click();
    await laptop.getByText("Session ended.").waitFor();
    await laptop.screenshot({ path: `${SCREENSHOTS}/account-sessions-desktop.png`, fullPage: true });

    // The phone's next action finds its session gone.
    await phone.getByLabel("Current password").fill(PASSWORD);
    await phone.getByLabel("New password").fill("something else entirely");
    await phone.getByRole("button", { name: "Change password" }).click();
    await phone.waitForURL(`${app.url}/login`);

    // An admin ends the rest from the console.
    const admin = await logIn("root.admin", ROOT_PASSWORD);
    await admin.goto(`${app.url}/admin/users`);
    await showOnly(admin, "two.devices");
    const row = rowOf(admin, "two.devices");
    await row.getByRole("button", { name: "Sessions of two.devices" }).click();
    await row.getByText("1 active session:").waitFor();
    await row.getByRole("button", { name: "End all sessions" }).click();
    await row.getByRole("button", { name: "Confirm" }).click();
    await row.getByText("All sessions ended.").waitFor();
    await row.getByText("No active sessions.").waitFor();
    await laptop.reload(); // the laptop's next visit finds its session gone too
    await laptop.waitForURL(`${app.url}/login`);
  });

  it("shows the audit log to admins, newest first, with filters", async () => {
    // Its own events: a created and a deactivated user (and the log-ins that made them).
    const { api, ids } = await seed({ username: "audited.user" });
    await api.users.deactivate.mutate({ userId: ids.get("audited.user")! });
    const page = await logIn("root.admin", ROOT_PASSWORD);
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.waitForURL(`${app.url}/admin/audit`);
    await page.locator('table[aria-busy="false"]').waitFor();
    // At least: the seed's log-in, the creation, the deactivation and this page's log-in.
    expect(await page.locator("tbody tr").count()).toBeGreaterThanOrEqual(4);
    const firstEvent = await page.locator("tbody td[data-label=Event]").first().textContent();
    expect(firstEvent).toBe("Logged in (password)"); // this very log-in is the newest event

    await page.getByLabel("Event").selectOption({ label: "Account deactivated" });
    await page.waitForURL(`${app.url}/admin/audit?type=user.deactivated`);
    await page.waitForFunction(() =>
      [...document.querySelectorAll("tbody td[data-label=Event]")].every(
        (cell) => cell.textContent === "Account deactivated",
      ),
    );
    expect(await page.locator("tbody td[data-label=Event]").count()).toBeGreaterThanOrEqual(1);
    await page.getByLabel("Actor").fill("not a name");
    await page.getByLabel("Actor").press("Enter");
    await page.getByText("Username may contain only letters, digits, '.', '-' and '_'.").waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/admin-audit-desktop.png`, fullPage: true });
  });

  it("keeps a plain user out of /admin/users", async () => {
    await seed({ username: "plain.user" });
    const page = await logIn("plain.user", PASSWORD);
    expect(await page.getByRole("link", { name: "Users" }).count()).toBe(0);
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole("heading", { name: "Not allowed" }).waitFor();
    expect(await page.locator("table").count()).toBe(0);
    await page.goto(`${app.url}/admin/audit`);
    await page.getByText("Only administrators can see this page.").waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/not-allowed-desktop.png`, fullPage: true });
  });

  it("renders every page at phone and desktop width", async () => {
    for (const [name, viewport] of [
      ["phone", PHONE],
      ["desktop", DESKTOP],
    ] as const) {
      const anonymous = await (await browser.newContext({ viewport })).newPage();
      for (const path of ["/", "/signup", "/login"]) {
        await anonymous.goto(`${app.url}${path}`);
        await anonymous.screenshot({
          path: `${SCREENSHOTS}/${path === "/" ? "home" : path.slice(1)}-${name}.png`,
          fullPage: true,
        });
      }
      const root = await logIn("root.admin", ROOT_PASSWORD, viewport);
      await root.screenshot({ path: `${SCREENSHOTS}/account-${name}.png`, fullPage: true });
      await root.goto(`${app.url}/admin/users`);
      await root.getByText(/\d+ users/).waitFor();
      await root.screenshot({ path: `${SCREENSHOTS}/admin-users-${name}.png`, fullPage: true });
      // Nothing may overflow the window sideways except the table, which scrolls in its box.
      const overflow = await root.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });
});
