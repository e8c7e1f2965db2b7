// The admin overview (/admin) in Debian's Chromium against `pnpm start`: activity seeded through
// the API (sign-ups, log-ins, wrong passwords, a throttle trip with a budget of 3 per account)
// shows up in the table view of the charts; the 7-day link; a plain user is refused; screenshots
// light and dark, desktop and phone, readable and within the window.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiAt } from "./api-over-http";
import { browserTestBed, ROOT_USERNAME, SCREENSHOTS, VIEWPORT } from "./app-under-test";
import { readabilityProblems } from "./readability";

const ROOT_PASSWORD = "root password 1";
const PASSWORD = "correct horse battery";
// Three wrong passwords spend an account's budget; every call here comes from this machine.
const BUDGETS = { LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "3", LOGIN_MAX_ATTEMPTS_PER_IP: "1000" };

const bed = browserTestBed({ env: BUDGETS, rootPassword: ROOT_PASSWORD });
const { newPage } = bed;

async function logIn(page: Page, username: string, password: string) {
  await page.goto(`${bed.app.url}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL(`${bed.app.url}/account`);
}

/** The table view's rows as text: the bucket, then sign-ups, log-ins, failed log-ins, throttled. */
const tableRows = (page: Page, part: "tbody" | "tfoot") =>
  page
    .locator(`details table ${part} tr`)
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent?.trim()).join(" | ")),
    );

describe("the admin overview", () => {
  it("shows the seeded activity in its table view, for 24 hours and for 7 days", async () => {
    const api = apiAt(bed.app.url);
    for (const username of ["ada.lovelace", "grace.hopper", "alan.turing"]) {
      expect((await api.mutate("account.signUp", { username, password: PASSWORD })).outcome).toBe("ok");
    }
    for (const username of ["ada.lovelace", "grace.hopper"]) {
      expect((await api.mutate("account.logIn", { username, password: PASSWORD })).outcome).toBe("ok");
    }
    const wrong = () => api.mutate("account.logIn", { username: "alan.turing", password: "not the password" });
    for (let i = 0; i < 3; i++) expect((await wrong()).outcome).toBe("INVALID_CREDENTIALS");
    expect((await wrong()).outcome).toBe("RATE_LIMITED");

    const page = await newPage();
    await logIn(page, ROOT_USERNAME, ROOT_PASSWORD);
    // Overview is the first link of the admin navigation.
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link").first().textContent()).toBe("Overview");
    await nav.getByRole("link", { name: "Overview" }).click();
    await page.waitForURL(`${bed.app.url}/admin`);
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();

    // Log-ins: the two above, the test bed's super admin (its API client) and this browser.
    const totals = "Total | 3 | 4 | 3 | 1";
    // The four activity charts and the users by role.
    expect(await page.getByRole("img").count()).toBe(5);
    expect(
      await page.getByRole("img", { name: /^Failed log-ins, last 24 hours/ }).getAttribute("aria-labelledby"),
    ).toBe("chart-failedLogIns-title chart-failedLogIns-summary");
    await page.getByText("Show as table").click();
    expect(await tableRows(page, "tbody")).toHaveLength(24);
    expect(await tableRows(page, "tfoot")).toEqual([totals]);
    // The seeding took seconds: its events are in the last hour or two (two if an hour turned meanwhile).
    const busy = (await tableRows(page, "tbody")).filter((row) => !row.endsWith("| 0 | 0 | 0 | 0"));
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(busy.length).toBeLessThanOrEqual(2);
    const sessions = page.locator("section", { has: page.getByRole("heading", { name: "Active sessions" }) });
    // The test bed's super admin, ada's and grace's log-ins, and this browser.
    expect((await sessions.locator("p").first().textContent())?.trim()).toBe("4");
    const roles = await page
      .getByRole("table", { name: "Users by role" })
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent?.trim()).join(" | ")),
      );
    expect(roles).toEqual(["Super admin | 1 | 0", "Admin | 0 | 0", "User | 3 | 0"]);
    expect(await page.locator("#chart-roles-summary").textContent()).toBe(
      "Super admin: 1 active, 0 inactive; Admin: 0 active, 0 inactive; User: 3 active, 0 inactive.",
    );

    await page.getByRole("link", { name: "Last 7 days" }).click();
    await page.waitForURL(`${bed.app.url}/admin?range=7d`);
    expect(await page.getByRole("link", { name: "Last 7 days" }).getAttribute("aria-current")).toBe("page");
    await page.getByText("Show as table").click();
    expect(await tableRows(page, "tbody")).toHaveLength(7);
    expect(await tableRows(page, "tfoot")).toEqual([totals]);
  });

  it("works without JavaScript: the range links and the table view are plain HTML", async () => {
    const page = await newPage({ javaScriptEnabled: false });
    // Logging in needs the form's script: the cookie comes from the API instead.
    const answer = await apiAt(bed.app.url).mutate("account.logIn", {
      username: ROOT_USERNAME,
      password: ROOT_PASSWORD,
    });
    const [name, value] = answer.sessionCookie!.split("=");
    await page.context().addCookies([{ name: name!, value: value!, url: bed.app.url }]);
    await page.goto(`${bed.app.url}/admin?range=7d`);
    await page.getByText("Show as table").click();
    expect(await tableRows(page, "tbody")).toHaveLength(7);
    await page.getByRole("link", { name: "Last 24 hours" }).click();
    await page.waitForURL(`${bed.app.url}/admin`);
    expect(await page.getByRole("link", { name: "Last 24 hours" }).getAttribute("aria-current")).toBe("page");
  });

  it("keeps a plain user out", async () => {
    await bed.root.users.create.mutate({ username: "plain.user", password: PASSWORD, role: "user" });
    const page = await newPage();
    await logIn(page, "plain.user", PASSWORD);
    expect(await page.getByRole("link", { name: "Overview" }).count()).toBe(0);
    const response = await page.goto(`${bed.app.url}/admin`);
    expect(response?.status()).toBe(403);
    await page.getByRole("heading", { name: "Not allowed" }).waitFor();
    expect(await page.getByRole("img").count()).toBe(0);
  });

  it("photographs the page light and dark, desktop and phone, readable and within the window", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [device, viewport] of Object.entries(VIEWPORT)) {
        const page = await newPage({ viewport, colorScheme });
        const errors: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        await logIn(page, ROOT_USERNAME, ROOT_PASSWORD);
        await page.goto(`${bed.app.url}/admin`);
        await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
        await page.screenshot({ path: `${SCREENSHOTS}/admin-overview-${colorScheme}-${device}.png`, fullPage: true });
        expect(await readabilityProblems(page, colorScheme)).toEqual([]);
        await page.getByText("Show as table").click();
        await page.screenshot({
          path: `${SCREENSHOTS}/admin-overview-table-${colorScheme}-${device}.png`,
          fullPage: true,
        });
        expect(await readabilityProblems(page, colorScheme)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
          0,
        );
        expect(errors).toEqual([]);
      }
    }
  });
});
