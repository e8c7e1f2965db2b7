import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppUnderTest, SCREENSHOTS, startAppAndBrowser } from "./app-under-test";

let app: AppUnderTest;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await startAppAndBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

beforeEach(async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
  page = await context.newPage();
});

describe("a visitor in a real browser", () => {
  it("is sent from /account to /login while logged out", async () => {
    await page.goto(`${app.url}/account`);
    await page.waitForURL(`${app.url}/login`);
    await expect(page.getByRole("heading", { name: "Log in" }).isVisible()).resolves.toBe(true);
  });

  it("sees the API's field errors next to the fields", async () => {
    await page.goto(`${app.url}/signup`);
    await page.getByLabel("Username").fill("al");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();

    const usernameError = page.getByText("Username must be 5–20 characters long.");
    await usernameError.waitFor();
    // The message is tied to its input for screen readers, not just placed near it.
    const describedBy = await page.getByLabel("Username").getAttribute("aria-describedby");
    expect(describedBy?.split(" ")).toContain(await usernameError.getAttribute("id"));
    expect(await page.getByText("Password must be 8–128 characters long.").isVisible()).toBe(true);
    expect(await page.getByLabel("Username").getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: `${SCREENSHOTS}/sign-up-field-errors.png`, fullPage: true });
  });

  it("signs up, logs in, sees the account, changes the password, logs out and back in with it", async () => {
    await page.goto(`${app.url}/signup`);
    await page.getByLabel("Username").fill("Browser.User");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();

    await page.waitForURL(/\/login\?created=/);
    expect(await page.getByRole("status").textContent()).toContain("Your account is ready");
    await page.getByLabel("Username").fill("browser.user");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Log in", exact: true }).click();

    await page.waitForURL(`${app.url}/account`);
    const details = page.locator("dl.details");
    await details.waitFor();
    expect(await details.innerText()).toMatch(/Username\s+Browser\.User\s+Role\s+User\s+Member since/);
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === "gatehouse_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    await page.screenshot({ path: `${SCREENSHOTS}/account.png`, fullPage: true });

    // A logged-in visitor of /login goes to their account.
    await page.goto(`${app.url}/login`);
    await page.waitForURL(`${app.url}/account`);

    // Change the password: wrong current password first, then right.
    await page.goto(`${app.url}/account`);
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("even better horse");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("The current password is not correct.").waitFor();
    await page.getByLabel("Current password").fill("correct horse battery");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed.").waitFor();

    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(`${app.url}/login?loggedOut=1`);
    expect((await page.context().cookies()).some((cookie) => cookie.name === "gatehouse_session")).toBe(false);
    await page.goto(`${app.url}/account`);
    await page.waitForURL(`${app.url}/login`);

    // The old password no longer works; the new one does.
    await page.getByLabel("Username").fill("browser.user");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.locator("form").getByRole("alert").waitFor();
    await page.getByLabel("Password").fill("even better horse");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(`${app.url}/account`);
  });

  it("is told that the credentials are wrong without learning which part", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Username").fill("nobody.home");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Log in", exact: true }).click();

    const alert = page.locator("form").getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("Invalid username or password.");
  });
});
