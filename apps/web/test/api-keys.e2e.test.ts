// API keys in Debian's Chromium against `pnpm start`: a key made on the account page is shown
// once, read off the page and used over HTTP as `Authorization: Bearer` (it acts as its owner)
// until it is revoked on the page; the form's errors on their fields; an admin sees a user's
// keys and revokes them all; screenshots of a new key, light and dark, desktop and phone.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { formatWhen } from "../src/lib/format";
import { apiAt } from "./api-over-http";
import { browserTestBed, SCREENSHOTS, VIEWPORT } from "./app-under-test";
import { readabilityProblems } from "./readability";
import { apiAs } from "./seed";

const ROOT_PASSWORD = "root password 1";
const PASSWORD = "correct horse battery";
// Every log-in and every refused key here comes from this machine.
const LOG_IN_BUDGETS = { LOGIN_MAX_ATTEMPTS_PER_IP: "1000", LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "100" };
const API_KEY = /^ghk_[A-Za-z0-9_-]{43}$/;
const DAY_MS = 86_400_000;

const bed = browserTestBed({ env: LOG_IN_BUDGETS, rootPassword: ROOT_PASSWORD });
const { newPage } = bed;

async function logIn(page: Page, username: string, password = PASSWORD) {
  await page.goto(`${bed.app.url}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL(`${bed.app.url}/account`);
}

/** A section of a page, by its heading. */
const sectionNamed = (page: Page, title: string) =>
  page.locator("section", { has: page.getByRole("heading", { name: title, exact: true, level: 2 }) });

/** `account.me` over HTTP with the key as the only credential (no cookie, no Origin). */
const meWithKey = (key: string) =>
  apiAt(bed.app.url).query("account.me", undefined, { authorization: `Bearer ${key}` });

/** Fills the new-key form (opened) and submits it. */
async function submitNewKey(
  section: Locator,
  {
    name,
    scope = "read",
    days = "90",
    password = PASSWORD,
  }: { name: string; scope?: string; days?: string; password?: string },
) {
  await section.getByLabel("Name").fill(name);
  await section.getByLabel("Access").selectOption(scope);
  await section.getByLabel("Expires in (days)").fill(days);
  await section.getByLabel("Your password").fill(password);
  await section.getByRole("button", { name: "Create key" }).click();
}

/** The new key as the page shows it, once. */
async function shownKey(section: Locator): Promise<string> {
  const key = section.getByLabel("New API key", { exact: true });
  await key.waitFor();
  return (await key.textContent()) ?? "";
}

async function newUser(username: string) {
  const { id } = await bed.root.users.create.mutate({ username, password: PASSWORD, role: "user" });
  return id;
}

describe("API keys in the browser", () => {
  it("creates a key on the account page, shows it once, and the key acts as its owner over HTTP until revoked on the page", async () => {
    const userId = await newUser("keys.ann");
    const page = await newPage();
    await logIn(page, "keys.ann");
    const section = sectionNamed(page, "API keys");
    await section.getByText("You have no API keys.").waitFor();

    await section.getByRole("button", { name: "New API key" }).click();
    await submitNewKey(section, { name: "backup script", scope: "read", days: "30" });
    const key = await shownKey(section);
    expect(key).toMatch(API_KEY);
    await section.getByText("Copy it now: it is shown only this once.").waitFor();

    // The key read off the page is a credential: it is the owner, with no cookie.
    const me = await meWithKey(key);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ result: { data: { id: userId, username: "keys.ann", role: "user" } } });

    // Saved: the key is gone from the page for good; the list shows what the API keeps.
    await section.getByRole("button", { name: "I have saved it" }).click();
    expect(await section.getByLabel("New API key", { exact: true }).count()).toBe(0);
    const [listed] = await bed.root.users.apiKeys.query({ userId });
    expect(listed).toMatchObject({ name: "backup script", scope: "read", prefix: key.slice(0, listed!.prefix.length) });
    expect(Date.parse(listed!.expiresAt) - Date.parse(listed!.createdAt)).toBe(30 * DAY_MS);
    const item = section.locator("li", { hasText: "backup script" });
    await item.getByText("Read only").waitFor();
    expect(await item.textContent()).toContain(`${listed!.prefix}…`);
    expect(await item.textContent()).toContain(`expires ${formatWhen(listed!.expiresAt)}`);
    await page.reload();
    await section.locator("li", { hasText: "backup script" }).waitFor();
    expect(await page.content()).not.toContain(key);

    // Revoke: Escape leaves it; confirmed, the key is refused.
    await section.getByRole("button", { name: "Revoke backup script" }).click();
    const confirm = section.getByRole("group", { name: "Confirm revoking backup script" });
    await confirm.waitFor();
    await page.keyboard.press("Escape");
    expect(await confirm.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Revoke backup script");
    await section.getByRole("button", { name: "Revoke backup script" }).click();
    await confirm.getByRole("button", { name: "Revoke" }).click();
    await section.getByText("Key “backup script” revoked.").waitFor();
    await section.getByText("You have no API keys.").waitFor();
    expect(await bed.root.users.apiKeys.query({ userId })).toEqual([]);
    const refused = await meWithKey(key);
    expect([refused.status, refused.outcome]).toEqual([401, "NOT_AUTHENTICATED"]);
  });

  it("shows a wrong password, a bad expiry and a blank name on their fields, and makes no key", async () => {
    const userId = await newUser("keys.bo");
    const page = await newPage();
    await logIn(page, "keys.bo");
    const section = sectionNamed(page, "API keys");
    await section.getByRole("button", { name: "New API key" }).click();
    const fieldError = (label: string) =>
      section.locator(".field", { has: page.getByLabel(label, { exact: true }) }).locator(".field-error");

    await submitNewKey(section, { name: "deploy", password: "not my password" });
    await fieldError("Your password").waitFor();
    expect(await section.getByLabel("Your password").getAttribute("aria-invalid")).toBe("true");

    await submitNewKey(section, { name: "deploy", days: "soon" });
    expect(await fieldError("Expires in (days)").textContent()).toBe("expiresInDays must be a number.");

    await submitNewKey(section, { name: "deploy", days: "400" });
    await fieldError("Expires in (days)").getByText("Expiry must be a whole number of days from 1 to 365.").waitFor();

    await submitNewKey(section, { name: "   " });
    await fieldError("Name").getByText("Name must be 1–64 characters long.").waitFor();

    expect(await bed.root.users.apiKeys.query({ userId })).toEqual([]);

    // Cancel closes the form, and the focus is back on the button that opened it.
    await section.getByRole("button", { name: "Cancel" }).click();
    expect(await section.getByLabel("Name").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("New API key");
  });

  it("shows an admin a user's keys on their page and revokes them all, after a confirmation", async () => {
    const userId = await newUser("keys.cy");
    const user = await apiAs(bed.app, "keys.cy", PASSWORD);
    const first = await user.account.apiKeys.create.mutate({ password: PASSWORD, name: "ci runner", scope: "full" });
    const second = await user.account.apiKeys.create.mutate({ password: PASSWORD, name: "dashboard", scope: "read" });

    const admin = await newPage();
    await logIn(admin, "root.admin", ROOT_PASSWORD);
    await admin.goto(`${bed.app.url}/admin/users/${userId}`);
    const section = sectionNamed(admin, "API keys");
    await section.getByText("2 API keys:").waitFor();
    await section.locator("li", { hasText: "ci runner" }).getByText("Full").waitFor();
    await section.locator("li", { hasText: "dashboard" }).getByText("Read only").waitFor();

    await section.getByRole("button", { name: "Revoke all API keys" }).click();
    const confirm = section.getByRole("group", { name: "Confirm revoking all API keys" });
    await confirm.getByText("Revoke all API keys of keys.cy?").waitFor();
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await section.getByText("All API keys revoked.").waitFor();
    await section.getByText("No API keys.").waitFor();
    expect(await section.getByRole("button", { name: "Revoke all API keys" }).isDisabled()).toBe(true);

    expect(await bed.root.users.apiKeys.query({ userId })).toEqual([]);
    for (const { key } of [first, second]) {
      const refused = await meWithKey(key);
      expect([refused.status, refused.outcome]).toEqual([401, "NOT_AUTHENTICATED"]);
    }
    const history = sectionNamed(admin, "History");
    await history.getByText("API key revoked").first().waitFor();
  });

  it("does not offer an admin the keys of a user of their own role", async () => {
    const peerId = (await bed.root.users.create.mutate({ username: "keys.peer", password: PASSWORD, role: "admin" }))
      .id;
    await bed.root.users.create.mutate({ username: "keys.admin", password: PASSWORD, role: "admin" });
    const page = await newPage();
    await logIn(page, "keys.admin");
    await page.goto(`${bed.app.url}/admin/users/${peerId}`);
    const section = sectionNamed(page, "API keys");
    await section.getByText("You may see the API keys of users below your role only.").waitFor();
    expect(await section.getByRole("button").count()).toBe(0);
  });

  it("photographs a new key on the account page, light and dark, desktop and phone, readable and within the window", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [device, viewport] of Object.entries(VIEWPORT)) {
        const username = `keys.${colorScheme}.${device}`;
        await newUser(username);
        const page = await newPage({ viewport, colorScheme });
        const errors: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        await logIn(page, username);
        const section = sectionNamed(page, "API keys");
        await section.getByRole("button", { name: "New API key" }).click();
        await submitNewKey(section, { name: "nightly export", scope: "full" });
        expect(await shownKey(section)).toMatch(API_KEY);
        await section.locator("li", { hasText: "nightly export" }).waitFor();
        await section.screenshot({ path: `${SCREENSHOTS}/api-keys-new-key-${colorScheme}-${device}.png` });
        expect(await readabilityProblems(page, colorScheme)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
          0,
        );
        expect(errors).toEqual([]);
      }
    }
  });
});
