// Passkeys in Debian's Chromium against `pnpm start`, with Chromium's virtual authenticator
// (the CDP WebAuthn domain) as the person's device: adding one on the account page, logging in
// with the button (no username) and from the username field's autofill, renaming and removing
// it (then it no longer logs in), a replayed assertion refused, the second step of an account
// with an authenticator app and a passkey, and of one that needs its passkey (REQUIRE_MFA=all), an admin removing a user's passkeys; screenshots
// light and dark, desktop and phone. The app runs at http://localhost:PORT: an IP address
// cannot be a WebAuthn relying party.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import type { BrowserContextOptions, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAt } from "./api-over-http";
import { type AppUnderTest, browserTestBed, ROOT_USERNAME, SCREENSHOTS, startApp, VIEWPORT } from "./app-under-test";
import { readabilityProblems } from "./readability";
import { apiAs, bootstrapSuperAdmin } from "./seed";

const ROOT_PASSWORD = "root password 1";
const PASSWORD = "correct horse battery";
// Every log-in and every refused passkey here comes from this machine.
const LOG_IN_BUDGETS = { LOGIN_MAX_ATTEMPTS_PER_IP: "1000", LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "100" };
const REMOVED_PASSKEY =
  "This passkey was not accepted: it may have been removed from your account. Log in with your password, or another passkey.";

const bed = browserTestBed({ env: LOG_IN_BUDGETS, rootPassword: ROOT_PASSWORD });

/** A device with a screen lock that keeps passkeys (discoverable, user verification), answering at once. */
const VIRTUAL_AUTHENTICATOR = {
  protocol: "ctap2",
  transport: "internal",
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;

/**
 * The page's passkey device: Chromium's virtual authenticator. `synced`: the passkeys it makes
 * say they are backed up (as a password manager's are).
 */
async function authenticatorFor(page: Page, { synced = false } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { ...VIRTUAL_AUTHENTICATOR, defaultBackupEligibility: synced, defaultBackupState: synced },
  });
  /** What it holds, private keys included (to put on another device). */
  const credentials = async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
  return {
    credentials,
    hold: async (held: Awaited<ReturnType<typeof credentials>>) => {
      for (const credential of held) await cdp.send("WebAuthn.addCredential", { authenticatorId, credential });
    },
  };
}

/**
 * A page, with `autofill: false` as a browser that does not offer passkeys in the username
 * field's suggestions. Chromium's virtual authenticator answers an autofill request at once
 * with the passkey it holds (no person to choose), so a test of the button or of the password
 * turns the autofill off.
 */
async function passkeyPage({ autofill = true, ...options }: BrowserContextOptions & { autofill?: boolean } = {}) {
  const page = await bed.newPage(options);
  if (!autofill)
    await page.addInitScript(() => {
      PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);
    });
  return page;
}

async function logIn(page: Page, username: string, password = PASSWORD, origin = bed.app.url) {
  await page.goto(`${origin}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

async function logOut(page: Page) {
  await page.locator("header").getByRole("button", { name: "Log out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
}

/** A section of a page, by its heading. */
const sectionNamed = (page: Page, title: string) =>
  page.locator("section", { has: page.getByRole("heading", { name: title, exact: true, level: 2 }) });

/** Adds a passkey from the account page's Passkeys section: the password, the device, a name. */
async function addPasskey(section: Locator, name: string) {
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await section.getByLabel("Password").fill(PASSWORD);
  await section.getByRole("button", { name: "Continue" }).click();
  const nameField = section.getByLabel("Name", { exact: true });
  await nameField.waitFor();
  // Named after the browser and system to start with.
  expect(await nameField.inputValue()).toMatch(/\S/);
  await nameField.fill(name);
  await section.getByRole("button", { name: "Save passkey" }).click();
  await section.getByText(`Passkey “${name}” added. Your other sessions have been logged out.`).waitFor();
}

async function newUser(username: string) {
  const { id } = await bed.root.users.create.mutate({ username, password: PASSWORD, role: "user" });
  return id;
}

/** A user logged in on a page of their own (autofill off), with one passkey added there. */
async function userWithPasskey(username: string, name = "Work laptop") {
  const userId = await newUser(username);
  const page = await passkeyPage({ autofill: false });
  const authenticator = await authenticatorFor(page);
  await logIn(page, username);
  await page.waitForURL(`${bed.app.url}/account`);
  const section = sectionNamed(page, "Passkeys");
  await addPasskey(section, name);
  return { userId, page, authenticator, section };
}

describe("passkeys in the browser", () => {
  it("adds a passkey on the account page (listed, synced, held by the device) and logs in with the button, no username typed", async () => {
    const userId = await newUser("pk.ann");
    const page = await passkeyPage({ autofill: false });
    const authenticator = await authenticatorFor(page, { synced: true });
    await logIn(page, "pk.ann");
    await page.waitForURL(`${bed.app.url}/account`);
    const section = sectionNamed(page, "Passkeys");
    await section.getByText("You have no passkeys.").waitFor();

    await addPasskey(section, "Work laptop");
    const item = section.locator("li", { hasText: "Work laptop" });
    await item.getByText("Synced", { exact: true }).waitFor();
    expect(await item.textContent()).toContain("last used never");
    expect(await bed.root.users.passkeys.query({ userId })).toMatchObject([
      { name: "Work laptop", backedUp: true, lastUsedAt: null },
    ]);
    const held = await authenticator.credentials();
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ isResidentCredential: true, rpId: "localhost" });

    await logOut(page);
    expect(await page.getByLabel("Username").getAttribute("autocomplete")).toBe("username");
    await page.getByRole("button", { name: "Log in with a passkey" }).click();
    await page.waitForURL(`${bed.app.url}/account`);
    expect(await page.locator("header").getByRole("link", { name: "Account (pk.ann)" }).isVisible()).toBe(true);
    await sectionNamed(page, "Passkeys").locator("li", { hasText: "Work laptop" }).getByText("last used").waitFor();
    const [lastLogIn] = (await bed.root.audit.list.query({ targetId: userId, type: "user.logged_in" })).items;
    expect(lastLogIn).toMatchObject({ method: "passkey" });
  });

  it("offers the passkey in the username field's autofill (Chromium headless does): chosen from the field, it logs in", async () => {
    const { authenticator } = await userWithPasskey("pk.bea");
    // Another page, of a browser with autofill, on a device holding pk.bea's passkey.
    const autofillPage = await passkeyPage();
    const device = await authenticatorFor(autofillPage);
    await device.hold(await authenticator.credentials());
    const signCount = async () => (await device.credentials())[0]?.signCount ?? 0;
    const before = await signCount();

    // The field says "webauthn" only where the browser offers passkeys there: so Chromium does.
    await autofillPage.goto(`${bed.app.url}/login`);
    const field = autofillPage.locator('input[autocomplete="username webauthn"]');
    await field.waitFor({ state: "attached" });
    // The virtual device answers the autofill's request at once; a person would first pick the
    // passkey in the field. Until someone is in the field, the page logs nobody in by itself.
    await expect.poll(signCount).toBeGreaterThan(before);
    const passkeyLogIns = async () =>
      (await bed.root.audit.list.query({ type: "user.logged_in", targetUsername: "pk.bea" })).items.filter(
        (event) => event.method === "passkey",
      );
    expect(await passkeyLogIns()).toEqual([]);
    expect(new URL(autofillPage.url()).pathname).toBe("/login");
    await field.focus();
    await autofillPage.waitForURL(`${bed.app.url}/account`);
    expect(await autofillPage.locator("header").getByRole("link", { name: "Account (pk.bea)" }).isVisible()).toBe(true);
  });

  it("renames a passkey inline and removes it with the password; then it no longer logs in", async () => {
    const { userId, page, section } = await userWithPasskey("pk.cal");

    // Rename: Escape keeps the name; a blank one is refused beside the field.
    await section.getByRole("button", { name: "Rename Work laptop" }).click();
    const newName = section.getByLabel("New name for Work laptop");
    await newName.waitFor();
    await page.keyboard.press("Escape");
    expect(await newName.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Rename Work laptop");
    await section.getByRole("button", { name: "Rename Work laptop" }).click();
    await newName.fill("   ");
    await section.getByRole("button", { name: "Save", exact: true }).click();
    await section.locator("li .field-error").waitFor();
    expect(await newName.getAttribute("aria-invalid")).toBe("true");
    await newName.fill("Desk key");
    await section.getByRole("button", { name: "Save", exact: true }).click();
    await section.getByText("Passkey renamed “Desk key”.").waitFor();
    await section.locator("li", { hasText: "Desk key" }).waitFor();
    expect(await bed.root.users.passkeys.query({ userId })).toMatchObject([{ name: "Desk key" }]);

    // Remove: a wrong password is said beside its field; the right one removes it.
    await section.getByRole("button", { name: "Remove Desk key" }).click();
    const confirm = section.getByRole("form", { name: "Remove “Desk key”" });
    await confirm.getByLabel("Password").fill("not my password");
    await confirm.getByRole("button", { name: "Remove passkey" }).click();
    await confirm.locator(".field-error").waitFor();
    await confirm.getByLabel("Password").fill(PASSWORD);
    await confirm.getByRole("button", { name: "Remove passkey" }).click();
    await section.getByText("Passkey “Desk key” removed. Your other sessions have been logged out.").waitFor();
    await section.getByText("You have no passkeys.").waitFor();
    expect(await bed.root.users.passkeys.query({ userId })).toEqual([]);

    // The device still holds it; the server no longer takes it.
    await logOut(page);
    await page.getByRole("button", { name: "Log in with a passkey" }).click();
    await page.getByRole("alert").getByText(REMOVED_PASSKEY).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("offers a passkey beside the code in the second step of an account with both", async () => {
    const { page } = await userWithPasskey("pk.fay");
    const api = await apiAs(bed.app, "pk.fay", PASSWORD);
    const { secret } = await api.account.mfa.beginTotp.mutate({ password: PASSWORD });
    await api.account.mfa.confirmTotp.mutate({ code: generateTOTP(decodeBase32IgnorePadding(secret), 30, 6) });

    await logOut(page);
    await logIn(page, "pk.fay");
    const secondStep = page.getByRole("form", { name: "Two-factor authentication" });
    await secondStep.getByLabel("Authentication code").waitFor();
    await secondStep.getByRole("button", { name: "Use a passkey" }).click();
    await page.waitForURL(`${bed.app.url}/account`);
    await page.getByRole("heading", { name: "Passkeys", level: 2 }).waitFor();
  });

  it("refuses a replayed assertion, even with a fresh challenge (PASSKEY_REJECTED)", async () => {
    const { page } = await userWithPasskey("pk.dee");
    await logOut(page);
    // In the page (one with no passkey script of its own): a challenge, the device's
    // assertion as JSON, a log-in with it.
    await page.goto(`${bed.app.url}/signup`);
    const { response, first } = await page.evaluate(async () => {
      const post = async (path: string, body?: unknown) =>
        (await fetch(`/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).then((answer) => answer.json())) as { result?: { data: unknown } };
      const options = (await post("account.passkeys.beginLogIn")).result!.data as PublicKeyCredentialRequestOptionsJSON;
      const credential = (await navigator.credentials.get({
        publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options),
      })) as PublicKeyCredential;
      const response = credential.toJSON();
      return { response, first: await post("account.passkeys.finishLogIn", { response }) };
    });
    expect(first).toMatchObject({ result: { data: { username: "pk.dee", role: "user" } } });

    // The same assertion again, with a challenge of its own: refused.
    const api = apiAt(bed.app.url);
    const begun = await api.mutate("account.passkeys.beginLogIn");
    expect(begun.status).toBe(200);
    const cookie = begun.headers
      .getSetCookie()
      .map((set) => set.split(";")[0])
      .join("; ");
    const replay = await api.mutate("account.passkeys.finishLogIn", { response }, { cookie });
    expect([replay.status, replay.outcome]).toEqual([401, "PASSKEY_REJECTED"]);
    expect(replay.sessionCookie).toBeNull();
  });

  it("shows an admin a user's passkeys and removes them all, after a confirmation", async () => {
    const { userId, page } = await userWithPasskey("pk.eve", "Phone");
    await logOut(page);
    await page.getByRole("button", { name: "Log in with a passkey" }).click();
    await page.waitForURL(`${bed.app.url}/account`);

    const admin = await bed.newPage();
    await logIn(admin, ROOT_USERNAME, ROOT_PASSWORD);
    await admin.waitForURL(`${bed.app.url}/account`);
    await admin.goto(`${bed.app.url}/admin/users/${userId}`);
    const section = sectionNamed(admin, "Passkeys");
    await section.getByText("1 passkey:").waitFor();
    await section.locator("li", { hasText: "Phone" }).waitFor();
    await section.screenshot({ path: `${SCREENSHOTS}/passkeys-admin-light-desktop.png` });
    expect(await readabilityProblems(admin, "light")).toEqual([]);
    const history = sectionNamed(admin, "History");
    await history.getByText("Passkey added").waitFor();
    await history.getByText("(passkey)").first().waitFor();

    // Escape leaves them; confirmed, they are gone and the user is logged out.
    await section.getByRole("button", { name: "Remove all passkeys" }).click();
    const confirm = section.getByRole("group", { name: "Confirm removing all passkeys" });
    await confirm.getByText("Remove all passkeys of pk.eve?", { exact: false }).waitFor();
    await admin.keyboard.press("Escape");
    expect(await confirm.count()).toBe(0);
    await section.getByRole("button", { name: "Remove all passkeys" }).click();
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await section.getByText("All passkeys removed; their sessions ended.").waitFor();
    await section.getByText("No passkeys.").waitFor();
    expect(await section.getByRole("button", { name: "Remove all passkeys" }).isDisabled()).toBe(true);
    expect(await bed.root.users.passkeys.query({ userId })).toEqual([]);
    await history.getByText("Passkey removed").first().waitFor();

    await page.reload();
    await page.waitForURL((url) => url.pathname === "/login");
  });

  it("photographs the Passkeys section and the log-in page, light and dark, desktop and phone, readable and within the window", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [device, viewport] of Object.entries(VIEWPORT)) {
        const username = `pk.${colorScheme}.${device}`;
        await newUser(username);
        const page = await passkeyPage({ viewport, colorScheme, autofill: false });
        await authenticatorFor(page, { synced: true });
        const errors: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        const check = async () => {
          expect(await readabilityProblems(page, colorScheme)).toEqual([]);
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          ).toBeLessThanOrEqual(0);
        };
        await logIn(page, username);
        await page.waitForURL(`${bed.app.url}/account`);
        const section = sectionNamed(page, "Passkeys");
        await addPasskey(section, "Laptop screen lock");
        await section.getByRole("button", { name: "Add a passkey" }).click();
        await section.getByLabel("Password").waitFor();
        await section.screenshot({ path: `${SCREENSHOTS}/passkeys-section-${colorScheme}-${device}.png` });
        await check();
        await section.getByRole("button", { name: "Cancel" }).click();
        await section.getByRole("button", { name: "Rename Laptop screen lock" }).click();
        await section.screenshot({ path: `${SCREENSHOTS}/passkeys-rename-${colorScheme}-${device}.png` });
        await check();
        await page.context().close();

        // The log-in page of a browser that offers passkeys in the username field.
        const login = await passkeyPage({ viewport, colorScheme });
        login.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        await login.goto(`${bed.app.url}/login`);
        await login.locator('input[autocomplete="username webauthn"]').waitFor({ state: "attached" });
        await login.screenshot({ path: `${SCREENSHOTS}/passkeys-log-in-${colorScheme}-${device}.png`, fullPage: true });
        expect(await readabilityProblems(login, colorScheme)).toEqual([]);
        expect(
          await login.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        ).toBeLessThanOrEqual(0);
        expect(errors).toEqual([]);
        await login.context().close();
      }
    }
  }, 180_000);
});

describe("with REQUIRE_MFA=all", () => {
  let strict: AppUnderTest;

  beforeAll(async () => {
    strict = await startApp({ env: { ...LOG_IN_BUDGETS, REQUIRE_MFA: "all" } });
    await bootstrapSuperAdmin(strict, ROOT_USERNAME, ROOT_PASSWORD);
  });

  afterAll(async () => {
    await strict?.stop();
  });

  it("takes a passkey as the second factor: added during the set-up, then the log-in's second step asks for it", async () => {
    const page = await passkeyPage({ autofill: false });
    await authenticatorFor(page);
    await page.goto(`${strict.url}/signup`);
    await page.getByLabel("Username").fill("pk.strict");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(/\/login\?created=/);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(`${strict.url}/account`);

    // Only the set-up: the authenticator app or a passkey.
    const headings = () => page.getByRole("heading", { level: 2 }).allTextContents();
    expect(await headings()).toEqual(["Two-factor authentication", "Passkeys"]);
    const section = sectionNamed(page, "Passkeys");
    await addPasskey(section, "Laptop");
    // With a passkey the account is enrolled: the whole page opens.
    await page.getByRole("heading", { name: "API keys", level: 2 }).waitFor();

    // The last passkey stays while it is the only second factor.
    await section.getByRole("button", { name: "Remove Laptop" }).click();
    const confirm = section.getByRole("form", { name: "Remove “Laptop”" });
    await confirm.getByLabel("Password").fill(PASSWORD);
    await confirm.getByRole("button", { name: "Remove passkey" }).click();
    await confirm.getByRole("alert").waitFor();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await section.locator("li", { hasText: "Laptop" }).waitFor();

    // The password alone is not enough: the second step asks for the passkey.
    await logOut(page);
    await logIn(page, "pk.strict", PASSWORD, strict.url);
    const secondStep = page.getByRole("form", { name: "Two-factor authentication" });
    await secondStep.getByText("This account needs its passkey to log in: the password alone is not enough.").waitFor();
    expect(await secondStep.getByRole("textbox").count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/passkeys-second-step-light-desktop.png`, fullPage: true });
    expect(await readabilityProblems(page, "light")).toEqual([]);
    await secondStep.getByRole("button", { name: "Use a passkey" }).click();
    await page.waitForURL(`${strict.url}/account`);
    await page.getByRole("heading", { name: "API keys", level: 2 }).waitFor();
  });
});
