// The console's details (issue 19, parts 3 and 4) in Debian's Chromium against `pnpm start`:
// sessions in words, dark mode, the icon, the 404 and 403 pages, log-out in the header and
// its message, the name kept after sign-up, messages that go at the next action without
// moving anything, and Escape on inline confirmations. Each person-facing check runs in the
// light and the dark scheme, at desktop and phone size; every page visited is checked for
// console errors, failed requests and text contrast, and photographed in the screenshots folder (SCREENSHOTS).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { apiAt } from "./api-over-http";
import { readabilityProblems } from "./readability";
import { type AppUnderTest, SCREENSHOTS, startAppAndBrowser, VIEWPORT } from "./app-under-test";
import { apiAs, bootstrapSuperAdmin } from "./seed";

const ROOT_PASSWORD = "root password 1";
const PASSWORD = "correct horse battery";
const CHROME_ON_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const LOOPBACK = /^(::1|127\.0\.0\.1|::ffff:127\.0\.0\.1)$/;

const VARIANTS = [
  { tag: "ld", scheme: "light", size: "desktop", viewport: VIEWPORT.desktop },
  { tag: "dd", scheme: "dark", size: "desktop", viewport: VIEWPORT.desktop },
  { tag: "lp", scheme: "light", size: "phone", viewport: VIEWPORT.phone },
  { tag: "dp", scheme: "dark", size: "phone", viewport: VIEWPORT.phone },
] as const;
type Variant = (typeof VARIANTS)[number];

let app: AppUnderTest;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // TRUST_PROXY: a session made with X-Forwarded-For gets a public address to show. The
  // log-in budget per address is raised: every log-in here comes from this machine.
  [app, browser] = await startAppAndBrowser({ env: { TRUST_PROXY: "1", LOGIN_MAX_ATTEMPTS_PER_IP: "1000" } });
  await bootstrapSuperAdmin(app, "root.admin", ROOT_PASSWORD);
  // More than a page of users (20), so the console has a "Next" page.
  const root = await apiAs(app, "root.admin", ROOT_PASSWORD);
  for (let i = 1; i <= 21; i++)
    await root.users.create.mutate({
      username: `filler.${String(i).padStart(2, "0")}`,
      password: PASSWORD,
      role: "user",
    });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Users of one test, made by the super admin through the API. */
async function seed(...users: Array<{ username: string; role?: "user" | "admin" }>) {
  const root = await apiAs(app, "root.admin", ROOT_PASSWORD);
  for (const { username, role = "user" } of users)
    await root.users.create.mutate({ username, password: PASSWORD, role });
}

/** An answer a page is about (the 404 page's document, a refused API call), with Chromium's console line for it. */
interface Expected {
  url: RegExp;
  status: number;
}

/**
 * What went wrong on a page while a test used it: console errors, uncaught exceptions,
 * failed requests, answers of 400 and more, less the `expected` ones.
 */
interface Watched {
  page: Page;
  problems(expected?: Expected[]): string[];
}

async function open(variant: Variant, userAgent?: string): Promise<Watched> {
  const context = await browser.newContext({ viewport: variant.viewport, colorScheme: variant.scheme, userAgent });
  contexts.push(context);
  const page = await context.newPage();
  const seen: Array<{ text: string; url?: string; status?: number }> = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const status = /status of (\d+)/.exec(message.text())?.[1];
    seen.push({ text: `console: ${message.text()}`, url: message.location().url, status: Number(status) });
  });
  page.on("pageerror", (error) => seen.push({ text: `exception: ${error.message}` }));
  page.on("requestfailed", (request) => {
    // Aborted: the page itself dropped it, leaving (Next.js's prefetches when a link is followed).
    const reason = request.failure()?.errorText;
    if (reason !== "net::ERR_ABORTED") seen.push({ text: `failed: ${request.method()} ${request.url()} ${reason}` });
  });
  page.on("response", (response) => {
    if (response.status() >= 400)
      seen.push({ text: `${response.status()}: ${response.url()}`, url: response.url(), status: response.status() });
  });
  return {
    page,
    problems(expected = []) {
      const problems = seen
        .filter(
          ({ url, status }) => !expected.some((allowed) => allowed.status === status && allowed.url.test(url ?? "")),
        )
        .map((problem) => problem.text);
      seen.length = 0;
      return problems;
    },
  };
}

async function logIn(page: Page, username: string, password = PASSWORD) {
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL(`${app.url}/account`);
}

function shot(page: Page, name: string, variant: Variant) {
  return page.screenshot({ path: `${SCREENSHOTS}/${name}-${variant.scheme}-${variant.size}.png`, fullPage: true });
}

/** The focus ring of the element that has the focus, against what is around it (3:1, WCAG 2.4.11). */
function focusRingContrast(page: Page) {
  return page.evaluate(() => {
    const focused = document.activeElement!;
    const style = getComputedStyle(focused);
    const parse = (css: string) =>
      /rgba?\(([^)]+)\)/
        .exec(css)![1]!
        .split(/[\s,]+/)
        .map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    let around = focused.parentElement;
    while (around && parse(getComputedStyle(around).backgroundColor)[3] === 0) around = around.parentElement;
    const [hi, lo] = [
      luminance(parse(style.outlineColor)),
      luminance(parse(getComputedStyle(around ?? document.documentElement).backgroundColor)),
    ].sort((x, y) => y - x);
    return { width: parseFloat(style.outlineWidth), style: style.outlineStyle, contrast: (hi! + 0.05) / (lo! + 0.05) };
  });
}

/** A page as a person sees it: nothing wrong in the console or the network, readable, photographed. */
async function expectSound(watched: Watched, variant: Variant, name: string, expected: Expected[] = []) {
  expect(await readabilityProblems(watched.page, variant.scheme)).toEqual([]);
  await shot(watched.page, name, variant);
  expect(watched.problems(expected)).toEqual([]);
}

/** This page's own document, answered with `status`. */
const thisPage = (page: Page, status: number): Expected => ({
  url: new RegExp(`^${page.url().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`),
  status,
});
/** A refused call of an API procedure. */
const refusedCall = (procedure: string, status: number): Expected => ({
  url: new RegExp(`/api/trpc/${procedure.replace(".", "\\.")}(\\?|$)`),
  status,
});

async function showOnly(page: Page, search: string) {
  await page.getByLabel("Search").fill(search);
  await page.waitForFunction((text) => {
    const cells = [...document.querySelectorAll("tbody th[scope=row]")].map((cell) => cell.textContent ?? "");
    return cells.length > 0 && cells.every((cell) => cell.toLowerCase().includes(text));
  }, search.toLowerCase());
}

const rowOf = (page: Page, username: string) =>
  page.locator("tbody tr").filter({ has: page.locator("th[scope=row]", { hasText: username }) });

/** What has the focus, by its accessible label or its text. */
const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent);

/** Where every row of the users table is, and whether any date in it wraps onto a second line. */
const tableLayout = (page: Page) =>
  page.evaluate(() => ({
    rows: [...document.querySelectorAll("tbody tr")].map((row) => {
      const box = row.getBoundingClientRect();
      return [box.top + window.scrollY, box.height];
    }),
    wrappedDates: [...document.querySelectorAll("tbody time")].filter((time) => time.getClientRects().length > 1)
      .length,
  }));

describe.each(VARIANTS)("the console's details, $scheme scheme, $size", (variant) => {
  const name = (base: string) => `${base}.${variant.tag}`;

  it("names each session's browser and system, shows the loopback as this machine, and keeps the raw values on hover", async () => {
    const person = name("ua.person");
    await seed({ username: person });
    // Three sessions: Chrome on Linux (this browser), Firefox on Windows from a public
    // address (through the trusted proxy), and a client that sends an empty user agent.
    const api = apiAt(app.url);
    const firefox = await api.mutate(
      "account.logIn",
      { username: person, password: PASSWORD },
      { "user-agent": FIREFOX_ON_WINDOWS, "x-forwarded-for": "203.0.113.7" },
    );
    const blank = await api.mutate("account.logIn", { username: person, password: PASSWORD }, { "user-agent": "" });
    expect([firefox.outcome, blank.outcome]).toEqual(["ok", "ok"]);
    const watched = await open(variant, CHROME_ON_LINUX);
    const { page } = watched;
    await logIn(page, person);

    const section = page.locator("section", { has: page.getByRole("heading", { name: "Sessions" }) });
    const items = section.locator("ul.sessions > li");
    await expect.poll(() => items.count()).toBe(3);
    const described = await items.evaluateAll((lis) =>
      lis.map((li) => ({
        browser: li.querySelector("strong")!.textContent,
        browserTitle: li.querySelector("strong > span")!.getAttribute("title"),
        address: li.querySelector("p > span")!.textContent,
        addressTitle: li.querySelector("p > span")!.getAttribute("title"),
        current: li.textContent.includes("This session"),
      })),
    );
    const byBrowser = Object.fromEntries(described.map((item) => [item.browser, item]));
    expect(Object.keys(byBrowser).sort()).toEqual(["Chrome 131 on Linux", "Firefox 133 on Windows", "Unknown browser"]);
    expect(byBrowser["Chrome 131 on Linux"]).toMatchObject({
      browserTitle: CHROME_ON_LINUX,
      address: "this machine",
      current: true,
    });
    expect(byBrowser["Chrome 131 on Linux"]!.addressTitle).toMatch(LOOPBACK);
    expect(byBrowser["Firefox 133 on Windows"]).toMatchObject({
      browserTitle: FIREFOX_ON_WINDOWS,
      address: "203.0.113.7",
      addressTitle: null,
      current: false,
    });
    expect(byBrowser["Unknown browser"]).toMatchObject({ browserTitle: null, address: "this machine" });
    expect(await section.innerText()).not.toMatch(/Mozilla|::1|127\.0\.0\.1/);
    expect(
      await section
        .getByRole("button", { name: /^End session from Firefox 133 on Windows, 203\.0\.113\.7, last used/ })
        .count(),
    ).toBe(1);
    await expectSound(watched, variant, "account-sessions");

    // The admin's panel of the same user says the same.
    const admin = await open(variant);
    await logIn(admin.page, "root.admin", ROOT_PASSWORD);
    await admin.page.goto(`${app.url}/admin/users`);
    await showOnly(admin.page, person);
    await rowOf(admin.page, person)
      .getByRole("button", { name: `Sessions of ${person}` })
      .click();
    const panel = admin.page.getByRole("region", { name: `Sessions of ${person}` });
    await panel.getByText("3 active sessions:").waitFor();
    const lines = (await panel.locator("li").allInnerTexts()).map((line) => line.replace(/ · last used .*/, "")).sort();
    expect(lines).toEqual([
      "Chrome 131 on Linux · this machine",
      "Firefox 133 on Windows · 203.0.113.7",
      "Unknown browser · this machine",
    ]);
    expect(await panel.getByText("Chrome 131 on Linux").getAttribute("title")).toBe(CHROME_ON_LINUX);
    await expectSound(admin, variant, "admin-user-sessions");
  });

  it("logs out from the header of any page, and the log-in page says so", async () => {
    const person = name("leaving");
    await seed({ username: person, role: "admin" });
    const watched = await open(variant);
    const { page } = watched;
    await logIn(page, person);
    // One way out, in the header, on every signed-in page.
    for (const path of ["/account", "/admin/users", "/admin/audit", "/"]) {
      await page.goto(`${app.url}${path}`);
      const header = page.locator("header");
      expect(await header.getByRole("button", { name: "Log out" }).isVisible()).toBe(true);
      expect(await page.getByRole("button", { name: "Log out" }).count()).toBe(1);
    }
    await page.goto(`${app.url}/admin/users`);
    await page.locator("header").getByRole("button", { name: "Log out" }).click();
    await page.waitForURL((url) => url.pathname === "/login" && url.search === "?loggedOut=1");
    expect(await page.locator("form").getByRole("status").textContent()).toBe("You have been logged out.");
    expect(await page.locator("header").getByRole("link", { name: "Log in" }).isVisible()).toBe(true);
    expect((await page.context().cookies()).some((cookie) => cookie.name === "gatehouse_session")).toBe(false);
    await expectSound(watched, variant, "logged-out");
    await page.goto(`${app.url}/account`);
    await page.waitForURL(`${app.url}/login`);
    expect(await page.getByText("You have been logged out.").count()).toBe(0);
  });

  it("fills in the new username on the log-in page after sign-up, with the focus on the password", async () => {
    const person = name("New.Comer");
    const watched = await open(variant);
    const { page } = watched;
    await page.goto(`${app.url}/signup`);
    await page.getByLabel("Username").fill(person);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("created") === person);
    expect(await page.getByLabel("Username").inputValue()).toBe(person);
    await page.waitForFunction(() => document.activeElement?.getAttribute("autocomplete") === "current-password");
    expect(await page.getByRole("status").textContent()).toBe("Your account is ready. Log in to continue.");
    await expectSound(watched, variant, "log-in-after-sign-up");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${app.url}/account`);
  });

  it("clears a message at the next action, and showing one moves nothing and wraps no date", async () => {
    const target = name("row.b");
    await seed({ username: name("row.a") }, { username: target }, { username: name("row.c") });
    const watched = await open(variant);
    const { page } = watched;
    await logIn(page, "root.admin", ROOT_PASSWORD);
    await page.goto(`${app.url}/admin/users`);
    await page.locator('table[aria-busy="false"]').waitFor();
    const createForm = page.getByRole("form", { name: "Create user" });
    const usernameField = createForm.getByLabel("Username");
    const created = createForm.getByRole("status");
    let made = 0;
    const create = async () => {
      const username = name(`made${++made}`);
      await usernameField.fill(username);
      await createForm.getByLabel("Password").fill(PASSWORD);
      await createForm.getByRole("button", { name: "Create user" }).click();
      await createForm.getByText(`Created ${username}.`).waitFor();
    };
    // Where the table, the form's card and its button are on the page (not in the window, which scrolls).
    const positions = () =>
      page.evaluate(() =>
        ["table", "section:has(> form)", "form button[type=submit]"].map((selector) => {
          const box = document.querySelector(selector)!.getBoundingClientRect();
          return [selector, box.left, box.top + window.scrollY, box.width, box.height];
        }),
      );
    // Showing "Created …" moves nothing: not the table, the form's card or its button.
    const before = await positions();
    await create();
    expect(await positions()).toEqual(before);
    await shot(page, "admin-created", variant);
    // It goes at a new search, a filter, a sort, a page change.
    await page.getByLabel("Search").fill("filler");
    await created.waitFor({ state: "detached" });
    await page.getByLabel("Search").fill("");
    await create();
    await page.getByLabel("Status").selectOption("active");
    await created.waitFor({ state: "detached" });
    await create();
    await page.getByRole("button", { name: /^Username/ }).click();
    await created.waitFor({ state: "detached" });
    await create();
    await page.getByRole("button", { name: "Next" }).click();
    await created.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Previous" }).click();

    // A row's message moves no row and wraps no date, and another action takes "Created …" away.
    await showOnly(page, "row.");
    await page.locator('table[aria-busy="false"]').waitFor();
    const quiet = await tableLayout(page);
    expect(quiet.wrappedDates).toBe(0);
    await create();
    const row = rowOf(page, target);
    await row.getByRole("button", { name: `Grant admin ${target}` }).click();
    await created.waitFor({ state: "detached" });
    await row.getByText("Now an admin.").waitFor();
    await row.getByRole("button", { name: `Revoke admin ${target}` }).waitFor();
    await page.locator('table[aria-busy="false"]').waitFor();
    const withMessage = await tableLayout(page);
    expect(withMessage.wrappedDates).toBe(0);
    expect(withMessage.rows).toEqual(quiet.rows);
    await expectSound(watched, variant, "admin-row-message");
    // And the row's message goes at the next search.
    await page.getByLabel("Search").fill(target);
    await row.getByText("Now an admin.").waitFor({ state: "detached" });
  });

  it("cancels an inline confirmation or form with Escape and gives the focus back to its button", async () => {
    const target = name("escapee");
    await seed({ username: target, role: "admin" });
    await apiAs(app, target, PASSWORD); // a session, so "End all sessions" is offered
    const watched = await open(variant);
    const { page } = watched;
    await logIn(page, "root.admin", ROOT_PASSWORD);
    await page.goto(`${app.url}/admin/users`);
    await showOnly(page, target);
    const row = rowOf(page, target);

    for (const action of ["Deactivate", "Revoke admin"]) {
      await row.getByRole("button", { name: `${action} ${target}` }).click();
      const confirm = row.getByRole("group", { name: `Confirm ${action.toLowerCase()}` });
      await confirm.waitFor();
      expect(await focusedName(page)).toBe("Confirm");
      await expectSound(watched, variant, `admin-confirm-${action.replace(" ", "-").toLowerCase()}`);
      await page.keyboard.press("Escape");
      expect(await confirm.count()).toBe(0);
      expect(await focusedName(page)).toBe(`${action} ${target}`);
    }
    // The Cancel button does the same.
    await row.getByRole("button", { name: `Deactivate ${target}` }).click();
    await row.getByRole("button", { name: "Cancel" }).click();
    expect(await focusedName(page)).toBe(`Deactivate ${target}`);

    await row.getByRole("button", { name: "Set password" }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("password");
    await page.keyboard.press("Escape");
    expect(await row.getByLabel(`New password for ${target}`).count()).toBe(0);
    expect(await focusedName(page)).toBe("Set password");

    // In the sessions panel: Escape cancels its confirmation, then closes the panel.
    await row.getByRole("button", { name: `Sessions of ${target}` }).click();
    const panel = row.getByRole("region", { name: `Sessions of ${target}` });
    await panel.getByText("1 active session:").waitFor();
    await panel.getByRole("button", { name: "End all sessions" }).click();
    expect(await focusedName(page)).toBe("Confirm");
    await page.keyboard.press("Escape");
    expect(await panel.getByRole("group", { name: "Confirm ending all sessions" }).count()).toBe(0);
    expect(await focusedName(page)).toBe("End all sessions");
    await page.keyboard.press("Escape");
    expect(await panel.count()).toBe(0);
    expect(await focusedName(page)).toBe(`Sessions of ${target}`);
    // Nothing was done: still an active admin.
    expect(await row.locator("td[data-label=Role]").textContent()).toBe("Admin");
    expect(await row.locator("td[data-label=Status]").textContent()).toBe("Active");
    expect(watched.problems()).toEqual([]);
  });

  it("shows every page readable, with its icon and no console error", async () => {
    const plain = name("plain.one");
    await seed({ username: plain });
    const visitor = await open(variant);
    const { page } = visitor;
    for (const [path, shotName] of [
      ["/", "home"],
      ["/login", "login"],
      ["/signup", "signup"],
    ] as const) {
      await page.goto(`${app.url}${path}`);
      const icon = page.locator('head link[rel="icon"]');
      expect(await icon.getAttribute("type")).toBe("image/svg+xml");
      await expectSound(visitor, variant, shotName);
    }
    // The check sees faint text: a line in the page's own background colour is reported.
    await page.evaluate(() => {
      const faint = document.createElement("p");
      faint.textContent = "Faint on purpose";
      faint.style.color = getComputedStyle(document.querySelector(".card")!).backgroundColor;
      document.querySelector(".card")!.append(faint);
    });
    expect(await readabilityProblems(page, variant.scheme)).toEqual(['"Faint on purpose" 1.00:1']);
    // The focus ring stands out in this scheme.
    await page.goto(`${app.url}/login`);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("Log in");
    const ring = await focusRingContrast(page);
    expect(ring.style).toBe("solid");
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.contrast).toBeGreaterThanOrEqual(3);
    // A field error, then an unknown address.
    await page.goto(`${app.url}/signup`);
    await page.getByLabel("Username").fill("al");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByText("Username must be 5–20 characters long.").waitFor();
    await expectSound(visitor, variant, "signup-errors", [refusedCall("account.signUp", 400)]);
    const missing = await page.goto(`${app.url}/no/such/page`);
    expect(missing?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await expectSound(visitor, variant, "not-found", [thisPage(page, 404)]);
    await page.getByRole("link", { name: "Go to the home page" }).click();
    await page.waitForURL(`${app.url}/`);

    // A plain user: their account, and the admin pages refused with 403.
    await logIn(page, plain);
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("another horse battery");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("The current password is not correct.").waitFor();
    await expectSound(visitor, variant, "account-error", [refusedCall("account.changePassword", 403)]);
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed. Your other sessions have been logged out.").waitFor();
    await expectSound(visitor, variant, "account-password-changed");
    for (const path of ["/admin/users", "/admin/audit"]) {
      const refused = await page.goto(`${app.url}${path}`);
      expect(refused?.status()).toBe(403);
      await page.getByRole("heading", { name: "Not allowed" }).waitFor();
      expect(await page.locator("table").count()).toBe(0);
      await expectSound(visitor, variant, `forbidden${path.replaceAll("/", "-")}`, [thisPage(page, 403)]);
    }

    // The administrator's pages.
    const admin = await open(variant);
    await logIn(admin.page, "root.admin", ROOT_PASSWORD);
    await expectSound(admin, variant, "account");
    await admin.page.goto(`${app.url}/admin/users`);
    await admin.page.getByText(/\d+ users · page 1/).waitFor();
    await admin.page.locator('table[aria-busy="false"]').waitFor();
    await expectSound(admin, variant, "admin-users");
    await admin.page.goto(`${app.url}/admin/audit`);
    await admin.page.locator('table[aria-busy="false"]').waitFor();
    await expectSound(admin, variant, "admin-audit");
    // Nothing overflows the window sideways.
    expect(
      await admin.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
  });
});

describe("the pages' answers over HTTP", () => {
  it("answers 403 to a signed-in plain user on the admin pages, 200 to an admin, and sends anonymous visitors to log in", async () => {
    await seed({ username: "http.plain" });
    const api = apiAt(app.url);
    const plain = (await api.mutate("account.logIn", { username: "http.plain", password: PASSWORD })).sessionCookie!;
    const admin = (await api.mutate("account.logIn", { username: "root.admin", password: ROOT_PASSWORD }))
      .sessionCookie!;
    expect([plain, admin].every(Boolean)).toBe(true);
    const me = await api.query("account.me", undefined, { cookie: admin });
    const adminId = (me.body as { result: { data: { id: string } } }).result.data.id;
    for (const path of ["/admin/users", "/admin/audit", `/admin/users/${adminId}`]) {
      const refused = await fetch(`${app.url}${path}`, { headers: { cookie: plain } });
      expect(refused.status).toBe(403);
      const html = await refused.text();
      expect(html).toContain("Not allowed");
      expect(html).toContain("Only administrators can see this page.");
      expect((await fetch(`${app.url}${path}`, { headers: { cookie: admin } })).status).toBe(200);
      const anonymous = await fetch(`${app.url}${path}`, { redirect: "manual" });
      expect(anonymous.status).toBe(307);
      expect(new URL(anonymous.headers.get("location")!, app.url).pathname).toBe("/login");
    }
  });

  it("answers an unknown address with the app's own 404 page, and serves the icon", async () => {
    const missing = await fetch(`${app.url}/nothing-here`);
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toContain("Page not found");
    expect(html).toContain('href="/"');
    const iconHref = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
    expect(iconHref).toMatch(/^\/icon\.svg/);
    const icon = await fetch(`${app.url}${iconHref}`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(await icon.text()).toContain("<svg");
  });
});
