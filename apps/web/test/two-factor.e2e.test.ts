// Two-factor authentication in Debian's Chromium against `pnpm start`: setting it up from the
// account page (QR code, key, first code, recovery codes shown once), the log-in's second
// step with a code from the app or a recovery code, codes that work once, new recovery codes
// and turning it off, an admin's reset, and REQUIRE_MFA sending people to the set-up.
// Codes are computed here as an authenticator app does (RFC 6238) from the real clock, each
// right before it is typed (see Authenticator).
import { readFileSync } from "node:fs";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatWhen } from "../src/lib/format";
import { apiAt } from "./api-over-http";
import { type AppUnderTest, browserTestBed, SCREENSHOTS, startApp, VIEWPORT } from "./app-under-test";
import { readabilityProblems } from "./readability";
import { apiAs, bootstrapSuperAdmin } from "./seed";

const ROOT_PASSWORD = "root password 1";
const PASSWORD = "correct horse battery";
// Every log-in here comes from this machine, and some answer wrong codes on purpose.
const LOG_IN_BUDGETS = { LOGIN_MAX_ATTEMPTS_PER_IP: "1000", LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "100" };
const RECOVERY_CODE = /^[a-z2-7]{6}(-[a-z2-7]{6}){3}$/;
const INVALID_CODE = "This code is not valid. Codes work once; use the newest one from your app, or a recovery code.";

const STEP_MS = 30_000;
const stepNow = () => Math.floor(Date.now() / STEP_MS);

/**
 * A test user's authenticator app. The server accepts the code of its current 30-second step,
 * or of the step before or after, and each step once per user. So each code given is for the
 * current step or, when that one was given already, the next; when both were, it first waits
 * until the next step begins (a wait computed from the clock, not a guess).
 */
class Authenticator {
  private lastStep = -1;

  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    while (this.lastStep > stepNow())
      await new Promise((wait) => setTimeout(wait, this.lastStep * STEP_MS - Date.now()));
    const step = Math.max(stepNow(), this.lastStep + 1);
    this.lastStep = step;
    return generateHOTP(decodeBase32IgnorePadding(this.secret), BigInt(step), 6);
  }

  /** A code that is none of the steps the server could accept around now. */
  wrongCode(): string {
    const key = decodeBase32IgnorePadding(this.secret);
    const near = new Set([-2, -1, 0, 1, 2, 3].map((offset) => generateHOTP(key, BigInt(stepNow() + offset), 6)));
    return ["000000", "111111", "222222", "333333", "444444", "555555", "666666"].find((code) => !near.has(code))!;
  }
}

const bed = browserTestBed({ env: LOG_IN_BUDGETS, rootPassword: ROOT_PASSWORD });
const { newPage } = bed;

/** A user made by the super admin with two-factor set up through the API, and that session's client. */
async function enrolledUser(username: string) {
  const { id } = await bed.root.users.create.mutate({ username, password: PASSWORD, role: "user" });
  const api = await apiAs(bed.app, username, PASSWORD);
  const authenticator = new Authenticator((await api.account.mfa.beginTotp.mutate({ password: PASSWORD })).secret);
  const { recoveryCodes } = await api.account.mfa.confirmTotp.mutate({ code: await authenticator.code() });
  return { id, api, authenticator, recoveryCodes };
}

/** The log-in's first step, on `origin`'s log-in page. */
async function enterPassword(page: Page, username: string, password = PASSWORD, origin = bed.app.url) {
  await page.goto(`${origin}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

/** The log-in's second step, shown once the password was right. */
const secondStep = (page: Page) => page.getByRole("form", { name: "Two-factor authentication" });

/** Both steps, with a code from the app or a recovery code, ending on the account page. */
async function logIn(page: Page, username: string, answer: { code: string } | { recoveryCode: string }) {
  await enterPassword(page, username);
  const step = secondStep(page);
  if ("code" in answer) await step.getByLabel("Authentication code").fill(answer.code);
  else {
    await step.getByRole("button", { name: "Use a recovery code" }).click();
    await step.getByLabel("Recovery code").fill(answer.recoveryCode);
  }
  await step.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`${bed.app.url}/account`);
}

async function logOut(page: Page) {
  await page.locator("header").getByRole("button", { name: "Log out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
}

const twoFactorSection = (page: Page) => page.locator("section#two-factor");

/** The section's facts (Status, Recovery codes left) as text. */
const factsOf = (section: Locator) =>
  section
    .locator("dl.details dt")
    .evaluateAll((terms) =>
      Object.fromEntries(terms.map((term) => [term.textContent, term.nextElementSibling?.textContent])),
    );

/** What `account.mfa.status` answers the page's own session. */
async function statusOf(page: Page, origin = bed.app.url) {
  const answer = await page.request.get(`${origin}/api/trpc/account.mfa.status`);
  return (
    (await answer.json()) as {
      result: { data: { totpEnabled: boolean; recoveryCodesLeft: number; enabledAt: string | null } };
    }
  ).result.data;
}

/** "Set up", the password, and the first step: the QR code and the key, with the code field. */
async function beginSetUp(page: Page, origin = bed.app.url, password = PASSWORD) {
  await page.goto(`${origin}/account`);
  const section = twoFactorSection(page);
  await section.getByRole("button", { name: "Set up" }).click();
  await section.getByLabel("Password", { exact: true }).fill(password);
  await section.getByRole("button", { name: "Continue" }).click();
  await section.getByRole("img", { name: "QR code of your two-factor key" }).waitFor();
  const secret = (await section.locator("code").textContent())!.replaceAll(" ", "");
  return { section, authenticator: new Authenticator(secret) };
}

/** The first code turns it on; the recovery codes shown then. */
async function confirmSetUp(section: Locator, authenticator: Authenticator): Promise<[Locator, string[]]> {
  await section.getByLabel("Authentication code").fill(await authenticator.code());
  await section.getByRole("button", { name: "Turn on" }).click();
  const shown = section.getByRole("region", { name: "Save your recovery codes" });
  return [shown, await shownCodes(shown)];
}

/** The recovery codes a "Save your recovery codes" region shows, once it does. */
async function shownCodes(shown: Locator): Promise<string[]> {
  const list = shown.getByRole("list", { name: "Recovery codes" });
  await list.waitFor();
  return list.locator("li").allTextContents();
}

/** Uses a recovery code for a log-in over HTTP (its own challenge), as another device would. */
async function logInElsewhereWith(username: string, recoveryCode: string) {
  const api = apiAt(bed.app.url);
  const first = await api.mutate("account.logIn", { username, password: PASSWORD });
  const challenge = first.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .find((pair) => pair.startsWith("gatehouse_mfa="));
  expect(challenge).toBeDefined();
  return (await api.mutate("account.completeMfa", { recoveryCode }, { cookie: challenge! })).outcome;
}

describe("two-factor authentication in the browser", () => {
  it("is set up from the account page (QR code, key, first code, ten recovery codes to copy and download), then asked at log-in; a used recovery code is refused", async () => {
    const page = await newPage();
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: bed.app.url });
    await page.goto(`${bed.app.url}/signup`);
    await page.getByLabel("Username").fill("Set.Up.Sam");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(/\/login\?created=/);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(`${bed.app.url}/account`);
    expect(await twoFactorSection(page).getByText("Off", { exact: true }).isVisible()).toBe(true);

    const { section, authenticator } = await beginSetUp(page);
    // The key as text, in groups, and the otpauth link (what the QR code says) carrying the same key.
    expect(await section.locator("code").textContent()).toMatch(/^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/);
    const uri = new URL(
      (await section.getByRole("link", { name: /open it in an authenticator app/ }).getAttribute("href"))!,
    );
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(authenticator.secret);
    // The QR code is an image of the API's SVG, and the page's CSP let it load.
    const qr = section.getByRole("img", { name: "QR code of your two-factor key" });
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(await qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    await section.getByRole("button", { name: "Copy key" }).click();
    await section.getByText("Copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(authenticator.secret);
    // The code field brings up digits on a phone and takes a code from the system's autofill.
    const codeField = section.getByLabel("Authentication code");
    expect([await codeField.getAttribute("inputmode"), await codeField.getAttribute("autocomplete")]).toEqual([
      "numeric",
      "one-time-code",
    ]);
    // Still pending: nothing is on until a code confirms it.
    expect((await statusOf(page)).totpEnabled).toBe(false);

    const [shown, recoveryCodes] = await confirmSetUp(section, authenticator);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(RECOVERY_CODE);
    await shown.getByRole("button", { name: "Copy the recovery codes" }).click();
    await shown.getByText("Copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryCodes.join("\n"));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      shown.getByRole("link", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("gatehouse-recovery-codes.txt");
    const file = readFileSync(await download.path(), "utf8");
    expect(file.split("\n").filter((line) => RECOVERY_CODE.test(line))).toEqual(recoveryCodes);
    expect(file).toContain("Gatehouse recovery codes for Set.Up.Sam");

    await shown.getByRole("button", { name: "I have saved them" }).click();
    await section.getByText("Two-factor authentication is on.").waitFor();
    const status = await statusOf(page);
    expect(status).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10 });
    expect(await factsOf(section)).toEqual({
      Status: `On since ${formatWhen(status.enabledAt!)}`,
      "Recovery codes left": "10",
    });
    // Shown once: the page, read again, has them no more.
    await page.reload();
    await twoFactorSection(page).getByText("Recovery codes left").waitFor();
    expect(await page.getByText(recoveryCodes[0]!).count()).toBe(0);

    // The password alone now leads to the second step, with no session yet.
    await logOut(page);
    await enterPassword(page, "set.up.sam");
    const step = secondStep(page);
    await step.waitFor();
    expect(page.url()).toBe(`${bed.app.url}/login`);
    // The second step's challenge, and no session (the log-in page's passkey autofill holds a
    // challenge of its own).
    const cookies = (await page.context().cookies()).map((cookie) => cookie.name);
    expect(cookies.filter((name) => name !== "gatehouse_passkey")).toEqual(["gatehouse_mfa"]);
    const appCode = step.getByLabel("Authentication code");
    expect(await appCode.evaluate((field) => field === document.activeElement)).toBe(true);
    expect([await appCode.getAttribute("inputmode"), await appCode.getAttribute("autocomplete")]).toEqual([
      "numeric",
      "one-time-code",
    ]);
    await appCode.fill(await authenticator.code());
    await step.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${bed.app.url}/account`);
    // The second step's challenge is spent (the autofill's passkey challenge stays until it expires).
    const after = (await page.context().cookies()).map((cookie) => cookie.name);
    expect(after.filter((name) => name !== "gatehouse_passkey")).toEqual(["gatehouse_session"]);

    // A recovery code logs in once, and is one fewer.
    await logOut(page);
    await logIn(page, "set.up.sam", { recoveryCode: recoveryCodes[0]! });
    expect(await factsOf(twoFactorSection(page))).toMatchObject({ "Recovery codes left": "9" });
    expect((await statusOf(page)).recoveryCodesLeft).toBe(9);
    await logOut(page);
    await enterPassword(page, "set.up.sam");
    await step.getByRole("button", { name: "Use a recovery code" }).click();
    const recoveryField = step.getByLabel("Recovery code");
    expect(await recoveryField.evaluate((field) => field === document.activeElement)).toBe(true);
    await recoveryField.fill(recoveryCodes[0]!);
    await step.getByRole("button", { name: "Continue" }).click();
    const refusal = step.getByText(INVALID_CODE);
    await refusal.waitFor();
    expect(await recoveryField.getAttribute("aria-invalid")).toBe("true");
    expect((await recoveryField.getAttribute("aria-describedby"))?.split(" ")).toContain(
      await refusal.getAttribute("id"),
    );
    expect(page.url()).toBe(`${bed.app.url}/login`);
    await recoveryField.fill(recoveryCodes[1]!);
    await step.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${bed.app.url}/account`);
    expect((await statusOf(page)).recoveryCodesLeft).toBe(8);
  }, 120_000);

  it("refuses a code of a time step already used (a replay), on the code's field", async () => {
    const { id, authenticator, recoveryCodes } = await enrolledUser("replay.rita");
    const page = await newPage();
    const code = await authenticator.code();
    await logIn(page, "replay.rita", { code });
    await logOut(page);

    await enterPassword(page, "replay.rita");
    const step = secondStep(page);
    await step.getByLabel("Authentication code").fill(code);
    await step.getByRole("button", { name: "Continue" }).click();
    await step.getByText(INVALID_CODE).waitFor();
    expect(await step.getByLabel("Authentication code").getAttribute("aria-invalid")).toBe("true");
    expect(page.url()).toBe(`${bed.app.url}/login`);
    const failures = await bed.root.audit.list.query({ targetId: id, type: "login.mfa_failed" });
    expect(failures.items).toHaveLength(1);

    // The challenge is still there for a right answer.
    await step.getByRole("button", { name: "Use a recovery code" }).click();
    await step.getByLabel("Recovery code").fill(recoveryCodes[0]!);
    await step.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${bed.app.url}/account`);
  });

  it("sends the person back to the password, name kept, once wrong codes have used up the second step", async () => {
    const { authenticator, recoveryCodes } = await enrolledUser("used.up.uma");
    const page = await newPage();
    await enterPassword(page, "used.up.uma");
    const step = secondStep(page);
    const field = step.getByLabel("Authentication code");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await field.fill(authenticator.wrongCode());
      await step.getByRole("button", { name: "Continue" }).click();
      await step.getByText(INVALID_CODE).waitFor();
    }
    // Five wrong codes ended the challenge: even the right code is too late.
    await field.fill(await authenticator.code());
    await step.getByRole("button", { name: "Continue" }).click();
    const expired = page.locator("form").getByRole("alert");
    await expired.waitFor();
    expect(await expired.textContent()).toBe("Your log-in has expired. Log in with your password again.");
    expect(await step.count()).toBe(0);
    expect(await page.getByLabel("Username").inputValue()).toBe("used.up.uma");
    await page.waitForFunction(() => document.activeElement?.getAttribute("autocomplete") === "current-password");

    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await step.getByRole("button", { name: "Use a recovery code" }).click();
    await step.getByLabel("Recovery code").fill(recoveryCodes[0]!);
    await step.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${bed.app.url}/account`);
  });

  it("warns when few recovery codes are left, makes new ones (the old stop working) and turns off, each with the password and a current code", async () => {
    const { api, authenticator, recoveryCodes } = await enrolledUser("renew.rob");
    for (const code of recoveryCodes.slice(0, 7)) expect(await logInElsewhereWith("renew.rob", code)).toBe("ok");
    const page = await newPage();
    await logIn(page, "renew.rob", { code: await authenticator.code() });
    const section = twoFactorSection(page);
    expect(await factsOf(section)).toMatchObject({ "Recovery codes left": "3" });
    await section.getByText("Only 3 recovery codes left. Make new ones before you run out.").waitFor();

    await section.getByRole("button", { name: "New recovery codes" }).click();
    const renew = section.getByRole("form", { name: "New recovery codes" });
    await renew.getByLabel("Password", { exact: true }).fill("not my password");
    await renew.getByLabel("Code from your app, or a recovery code").fill(recoveryCodes[7]!);
    await renew.getByRole("button", { name: "Make new codes" }).click();
    await renew.getByText("The current password is not correct.").waitFor();
    expect(await renew.getByLabel("Password", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await renew.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await renew.getByRole("button", { name: "Make new codes" }).click();
    const shown = section.getByRole("region", { name: "Save your recovery codes" });
    const fresh = await shownCodes(shown);
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((code) => recoveryCodes.includes(code))).toEqual([]);
    await shown.getByText("Your old recovery codes no longer work.").waitFor();
    await shown.getByRole("button", { name: "I have saved them" }).click();
    await section.getByText("New recovery codes saved.").waitFor();
    // The count comes with the status the page reloads after the message: wait for it.
    await expect.poll(() => factsOf(section), { timeout: 10_000 }).toMatchObject({ "Recovery codes left": "10" });
    expect(await section.getByText(/recovery codes? left\./).count()).toBe(0);
    expect(await logInElsewhereWith("renew.rob", recoveryCodes[8]!)).toBe("INVALID_MFA_CODE");

    // Turning off: an old recovery code is refused beside its field; a new one does it.
    await section.getByRole("button", { name: "Turn off" }).click();
    const turnOff = section.getByRole("form", { name: "Turn off two-factor authentication" });
    await turnOff.getByLabel("Password", { exact: true }).fill(PASSWORD);
    const codeField = turnOff.getByLabel("Code from your app, or a recovery code");
    await codeField.fill(recoveryCodes[9]!);
    await turnOff.getByRole("button", { name: "Turn off" }).click();
    await turnOff.getByText(INVALID_CODE).waitFor();
    expect(await codeField.getAttribute("aria-invalid")).toBe("true");
    await codeField.fill(fresh[0]!);
    await turnOff.getByRole("button", { name: "Turn off" }).click();
    await section.getByText("Two-factor authentication is off. Your other sessions have been logged out.").waitFor();
    expect(await section.getByText("Off", { exact: true }).isVisible()).toBe(true);
    expect((await statusOf(page)).totpEnabled).toBe(false);
    await expect(api.account.me.query()).rejects.toMatchObject({ data: { appCode: "NOT_AUTHENTICATED" } });

    // The password alone logs in again.
    await logOut(page);
    await enterPassword(page, "renew.rob");
    await page.waitForURL(`${bed.app.url}/account`);
  }, 120_000);

  it("is reset by an admin from the user's page: the user is logged out everywhere and logs in with the password alone", async () => {
    const { id, api } = await enrolledUser("reset.kim");
    const admin = await newPage();
    await enterPassword(admin, "root.admin", ROOT_PASSWORD);
    await admin.waitForURL(`${bed.app.url}/account`);
    await admin.goto(`${bed.app.url}/admin/users/${id}`);
    const section = admin.locator("section", {
      has: admin.getByRole("heading", { name: "Two-factor authentication" }),
    });
    await section.getByText("On", { exact: true }).waitFor();

    // Escape and Cancel leave it as it is.
    await section.getByRole("button", { name: "Reset two-factor" }).click();
    const confirm = section.getByRole("group", { name: "Confirm reset two-factor" });
    await confirm.waitFor();
    await admin.keyboard.press("Escape");
    expect(await confirm.count()).toBe(0);
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe("Reset two-factor");
    await section.getByRole("button", { name: "Reset two-factor" }).click();
    await admin.screenshot({ path: `${SCREENSHOTS}/admin-reset-two-factor-light-desktop.png`, fullPage: true });
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await section.getByText("Two-factor authentication reset; their sessions ended.").waitFor();
    await section.getByText("Off", { exact: true }).waitFor();
    expect(await section.getByRole("button", { name: "Reset two-factor" }).count()).toBe(0);
    const history = admin.locator("section", { has: admin.getByRole("heading", { name: "History" }) });
    await history.locator("tbody tr").first().getByText("Two-factor reset by an admin").waitFor();

    expect((await bed.root.users.get.query({ userId: id })).mfaEnabled).toBe(false);
    await expect(api.account.me.query()).rejects.toMatchObject({ data: { appCode: "NOT_AUTHENTICATED" } });
    const user = await newPage();
    await enterPassword(user, "reset.kim");
    await user.waitForURL(`${bed.app.url}/account`);
    expect(await twoFactorSection(user).getByText("Off", { exact: true }).isVisible()).toBe(true);
  });

  it("photographs the set-up, the recovery codes and the log-in's second step, light and dark, desktop and phone, readable and within the window", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [device, viewport] of Object.entries(VIEWPORT)) {
        const username = `shot.${colorScheme}.${device}`;
        await bed.root.users.create.mutate({ username, password: PASSWORD, role: "user" });
        const page = await newPage({ viewport, colorScheme });
        const errors: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        const check = async (name: string) => {
          await page.screenshot({ path: `${SCREENSHOTS}/${name}-${colorScheme}-${device}.png`, fullPage: true });
          expect(await readabilityProblems(page, colorScheme)).toEqual([]);
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          ).toBeLessThanOrEqual(0);
        };
        await enterPassword(page, username);
        await page.waitForURL(`${bed.app.url}/account`);
        const { section, authenticator } = await beginSetUp(page);
        await check("two-factor-set-up");
        const [shown] = await confirmSetUp(section, authenticator);
        await check("two-factor-recovery-codes");
        await shown.getByRole("button", { name: "I have saved them" }).click();
        await section.getByText("Two-factor authentication is on.").waitFor();
        await check("two-factor-on");
        await logOut(page);
        await enterPassword(page, username);
        await secondStep(page).waitFor();
        await check("log-in-second-step");
        await secondStep(page).getByRole("button", { name: "Use a recovery code" }).click();
        await check("log-in-recovery-code");
        expect(errors).toEqual([]);
        await page.context().close();
      }
    }
  }, 180_000);
});

describe("with REQUIRE_MFA=all", () => {
  let strict: AppUnderTest;

  beforeAll(async () => {
    strict = await startApp({ env: { ...LOG_IN_BUDGETS, REQUIRE_MFA: "all" } });
    await bootstrapSuperAdmin(strict, "root.admin", ROOT_PASSWORD);
  });

  afterAll(async () => {
    await strict?.stop();
  });

  it("sends a user without two-factor to the set-up, opens the account once it is on, and keeps it on while it is the only second factor", async () => {
    const page = await newPage();
    await page.goto(`${strict.url}/signup`);
    await page.getByLabel("Username").fill("must.enrol");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(/\/login\?created=/);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(`${strict.url}/account`);

    const notice =
      "Your administrator requires two-factor authentication. Set it up, or add a passkey below, to go on using Gatehouse.";
    const section = twoFactorSection(page);
    await section.getByText(notice).waitFor();
    // Only what would not be refused: no password change, no sessions.
    const headings = () => page.getByRole("heading", { level: 2 }).allTextContents();
    expect(await headings()).toEqual(["Two-factor authentication", "Passkeys"]);
    await page.screenshot({ path: `${SCREENSHOTS}/two-factor-required-light-desktop.png`, fullPage: true });

    const { authenticator } = await beginSetUp(page, strict.url);
    const [shown, recoveryCodes] = await confirmSetUp(section, authenticator);
    await shown.getByRole("button", { name: "I have saved them" }).click();
    await page.getByRole("heading", { name: "Sessions" }).waitFor();
    expect(await headings()).toEqual([
      "Change password",
      "Two-factor authentication",
      "Passkeys",
      "API keys",
      "Sessions",
    ]);
    expect(await section.getByText(notice).count()).toBe(0);

    // Turning it off is refused while it is the only second factor: the form says why, and
    // the page stays (no trip to the set-up).
    await section.getByRole("button", { name: "Turn off" }).click();
    await section.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await section.getByLabel("Code from your app, or a recovery code").fill(recoveryCodes[0]!);
    await section.getByRole("button", { name: "Turn off" }).click();
    await section
      .getByRole("alert")
      .getByText("Your account must keep a second factor: add another passkey or an authenticator app", {
        exact: false,
      })
      .waitFor();
    expect(page.url()).toBe(`${strict.url}/account`);
    expect((await statusOf(page, strict.url)).totpEnabled).toBe(true);
  });

  it("offers an administrator without two-factor no admin page, and sends them to the set-up from any", async () => {
    const { id } = await (await apiAs(strict, "root.admin", ROOT_PASSWORD)).account.me.query(); // for a user's page
    const page = await newPage();
    await enterPassword(page, "root.admin", ROOT_PASSWORD, strict.url);
    await page.waitForURL(`${strict.url}/account`);
    const header = page.locator("header");
    expect(await header.getByRole("link").allTextContents()).toEqual(["Gatehouse", "Account (root.admin)"]);
    for (const path of ["/admin/users", "/admin/audit", `/admin/users/${id}`]) {
      await page.goto(`${strict.url}${path}`);
      await page.waitForURL(`${strict.url}/account?mfa=required#two-factor`);
      await twoFactorSection(page)
        .getByText("Your administrator requires two-factor authentication.", { exact: false })
        .waitFor();
    }

    const { section, authenticator } = await beginSetUp(page, strict.url, ROOT_PASSWORD);
    const [shown] = await confirmSetUp(section, authenticator);
    await shown.getByRole("button", { name: "I have saved them" }).click();
    await header.getByRole("link", { name: "Users" }).click();
    await page.waitForURL(`${strict.url}/admin/users`);
    await page.locator('table[aria-busy="false"]').waitFor();
    expect(await page.locator("tbody th[scope=row]").allTextContents()).toContain("root.admin");
  });
});
