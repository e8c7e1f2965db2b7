// The audit log that names people, the page per user, and messages that clear on the next
// action, in a real browser against `pnpm start`.
import type { AuditEventType } from "@gatehouse/api";
import type { Browser, BrowserContextOptions, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_EVENT_LABELS, auditEventWords } from "../src/app/admin/audit/event-labels";
import { formatWhen } from "../src/lib/format";
import { type AppUnderTest, SCREENSHOTS, startAppAndBrowser, VIEWPORT } from "./app-under-test";
import { apiAt } from "./api-over-http";
import { apiAs, bootstrapSuperAdmin } from "./seed";

/** Screenshots to look at, outside the repository. */
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

const rootApi = () => apiAs(app, "root.admin", ROOT_PASSWORD);

/** Users a test needs, made by the super admin through the API; each test uses names of its own. */
async function seed(...usernames: string[]) {
  const api = await rootApi();
  const ids = new Map<string, string>();
  for (const username of usernames)
    ids.set(username, (await api.users.create.mutate({ username, password: PASSWORD, role: "user" })).id);
  return { api, ids };
}

async function logIn(username: string, password: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await browser.newContext({ viewport: DESKTOP, ...options })).newPage();
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL(`${app.url}/account`);
  return page;
}

/** Waits until the table has its answer (not loading, not showing the previous answer). */
const settled = (page: Page) => page.locator('table[aria-busy="false"]').waitFor();

const cellsOf = (page: Page, label: string) =>
  page
    .locator(`tbody td[data-label="${label}"]`)
    .allTextContents()
    .then((texts) => texts.map((text) => text.trim()));

/** The audit rows as text: time, event, actor, target. */
const auditRows = (within: Page | Locator) =>
  within.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) =>
      [...row.querySelectorAll("th, td")]
        .slice(0, 4)
        .map((cell) => cell.textContent?.trim())
        .join(" | "),
    ),
  );

/** The same rows, as the API's events would be shown. */
const asRow = (event: {
  occurredAt: string;
  type: AuditEventType;
  method: Parameters<typeof auditEventWords>[0]["method"];
  actorUsername: string | null;
  targetUsername: string | null;
}) =>
  [formatWhen(event.occurredAt), auditEventWords(event), event.actorUsername ?? "—", event.targetUsername].join(" | ");

const rowNamed = (page: Page, username: string): Locator =>
  page.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: username, exact: true }) });

async function showOnlyUser(page: Page, username: string) {
  await page.getByLabel("Search").fill(username);
  await page.waitForFunction(
    (name) => [...document.querySelectorAll("tbody th[scope=row]")].map((cell) => cell.textContent).join() === name,
    username,
  );
}

describe("the audit log", () => {
  it("names people with links to their pages and says each event in words", async () => {
    const { api, ids } = await seed("named.alice", "named.bob");
    await api.users.deactivate.mutate({ userId: ids.get("named.bob")! });
    // A failed log-in for a name nobody has: the log keeps the name that was tried.
    expect(
      (await apiAt(app.url).mutate("account.logIn", { username: "Nobody.Known", password: PASSWORD })).outcome,
    ).toBe("INVALID_CREDENTIALS");
    const rootId = (await api.account.me.query()).id;

    const page = await logIn("root.admin", ROOT_PASSWORD);
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.waitForURL(`${app.url}/admin/audit`);
    await settled(page);

    const events = await cellsOf(page, "Event");
    const words = new Set(Object.values(AUDIT_EVENT_LABELS));
    expect(events.length).toBeGreaterThanOrEqual(5);
    // Each in words; a log-in with how it was made: "Logged in (password)".
    expect(events.filter((event) => !words.has(event.replace(/ \([a-z ]+\)$/, "")))).toEqual([]);
    expect(events[0]).toBe("Logged in (password)"); // this very log-in is the newest event

    const deactivation = page.locator("tbody tr").filter({ hasText: "Account deactivated" });
    expect(await deactivation.count()).toBe(1);
    expect(await deactivation.locator('td[data-label="Actor"] a').getAttribute("href")).toBe(`/admin/users/${rootId}`);
    const bob = deactivation.locator('td[data-label="Target"] a');
    expect(await bob.textContent()).toBe("named.bob");
    expect(await bob.getAttribute("href")).toBe(`/admin/users/${ids.get("named.bob")}`);

    const failed = page.locator("tbody tr").filter({ hasText: "Failed log-in" }).first();
    expect((await failed.locator('td[data-label="Target"]').textContent())?.trim()).toBe("nobody.known (name tried)");
    expect(await failed.locator('td[data-label="Target"] a').count()).toBe(0);
    expect((await failed.locator('td[data-label="Actor"]').textContent())?.trim()).toBe("—");

    await bob.click();
    await page.waitForURL(`${app.url}/admin/users/${ids.get("named.bob")}`);
    await page.getByRole("heading", { level: 1, name: "named.bob" }).waitFor();
  });

  it("filters by a username chosen from the suggestions, by event, in the URL, and says when nothing matches", async () => {
    const { api } = await seed("chosen.carol", "chosen.carl", "other.dan");
    for (const name of ["chosen.carol", "other.dan"]) await apiAs(app, name, PASSWORD); // a log-in each
    const page = await logIn("root.admin", ROOT_PASSWORD);
    await page.goto(`${app.url}/admin/audit`);
    await settled(page);

    // Half a name offers the people it fits; choosing one filters by them.
    const actor = page.getByLabel("Actor");
    await actor.fill("chosen.car");
    const suggestions = page.locator(`datalist#${await actor.getAttribute("list")} option`);
    await page.waitForFunction(
      (list) => document.querySelectorAll(`datalist#${list} option`).length === 2,
      await actor.getAttribute("list"),
    );
    expect(
      await suggestions.evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value)),
    ).toEqual(["chosen.carl", "chosen.carol"]);
    expect(page.url()).toBe(`${app.url}/admin/audit`); // half a name is no filter
    await actor.fill("chosen.carol"); // what choosing the suggestion does: the input takes its value
    await page.waitForURL(`${app.url}/admin/audit?actor=chosen.carol`);
    await settled(page);
    expect(await cellsOf(page, "Actor")).toEqual(["chosen.carol"]);
    expect(await cellsOf(page, "Event")).toEqual(["Logged in (password)"]);

    await page.getByLabel("Event").selectOption({ label: "Logged in" });
    await page.waitForURL(`${app.url}/admin/audit?type=user.logged_in&actor=chosen.carol`);
    await page.reload();
    await settled(page);
    expect(await page.getByLabel("Actor").inputValue()).toBe("chosen.carol");
    expect(await page.getByLabel("Event").inputValue()).toBe("user.logged_in");
    expect(await cellsOf(page, "Actor")).toEqual(["chosen.carol"]);

    // A link to a filtered log shows it; one that matches nothing says so.
    await page.goto(`${app.url}/admin/audit?target=CHOSEN.CARL&type=user.created`);
    await settled(page);
    expect(await cellsOf(page, "Target")).toEqual(["chosen.carl"]);
    await page.goto(`${app.url}/admin/audit?target=chosen.carl&type=user.deactivated`);
    await page.getByText("No events match these filters.").waitFor();
    expect(await page.locator("tbody td[data-label]").count()).toBe(0);

    // A name that cannot be one: the API's words for it, next to the field.
    const refusal = await api.audit.list.query({ targetUsername: "no way" }).then(
      () => null,
      (error: { data?: { fieldErrors?: Record<string, string[]> } }) =>
        error.data?.fieldErrors?.targetUsername?.join(" "),
    );
    expect(refusal).toBeTruthy();
    const target = page.getByLabel("Target");
    await target.fill("no way");
    await target.press("Enter");
    await page
      .locator(`#${await target.getAttribute("id")}-error`)
      .getByText(refusal!)
      .waitFor();
    expect(await target.getAttribute("aria-invalid")).toBe("true");
    await page.getByText("Correct the highlighted filter to see events.").waitFor();
  });
});

describe("the page per user", () => {
  it("shows the profile and last log-in, ends the sessions, pages the history; the users table links to it", async () => {
    const { api, ids } = await seed("paged.erin");
    const erinId = ids.get("paged.erin")!;
    const admin = await logIn("root.admin", ROOT_PASSWORD);
    await admin.goto(`${app.url}/admin/users`);
    await showOnlyUser(admin, "paged.erin");
    expect(await cellsOf(admin, "Last log-in")).toEqual(["Never"]);

    await rowNamed(admin, "paged.erin").getByRole("link", { name: "paged.erin" }).click();
    await admin.waitForURL(`${app.url}/admin/users/${erinId}`);
    await admin.getByRole("heading", { level: 1, name: "paged.erin" }).waitFor();
    const facts = async () =>
      Object.fromEntries(
        await admin
          .locator("dl.details dt")
          .evaluateAll((terms) => terms.map((term) => [term.textContent, term.nextElementSibling?.textContent])),
      );
    expect(await facts()).toMatchObject({ Role: "User", Status: "Active", "Last log-in": "Never", "User id": erinId });
    expect(await admin.title()).toBe("paged.erin · Gatehouse");

    // Erin logs in on two devices; and enough happens to her for two pages of history.
    const devices = [await apiAs(app, "paged.erin", PASSWORD), await apiAs(app, "paged.erin", PASSWORD)];
    for (let i = 0; i < 10; i++) {
      await api.users.grantAdmin.mutate({ userId: erinId });
      await api.users.revokeAdmin.mutate({ userId: erinId });
    }
    const erin = await api.users.get.query({ userId: erinId });
    await admin.reload();
    expect(await facts()).toMatchObject({ "Last log-in": formatWhen(erin.lastLogInAt!) });

    // The history, newest first, a page of 20 at a time, exactly what the API holds for her.
    const history = admin.locator("section", { has: admin.getByRole("heading", { name: "History" }) });
    const expected: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.audit.list.query>> = await api.audit.list.query({
        userId: erinId,
        limit: 100,
        cursor,
      });
      expected.push(...page.items.map(asRow));
      cursor = page.nextCursor;
    } while (cursor);
    expect(expected.length).toBeGreaterThan(20); // created, 2 log-ins, 20 role changes
    await settled(admin);
    const first = await auditRows(history);
    expect(first).toEqual(expected.slice(0, 20));
    const firstRow = await history.locator("tbody tr").first().textContent();
    await history.getByRole("button", { name: "Older" }).click();
    await admin.waitForFunction(
      (before) => document.querySelectorAll("section tbody tr")[0]?.textContent !== before,
      firstRow,
    );
    await settled(admin);
    expect(await auditRows(history)).toEqual(expected.slice(20, 40));
    expect(await history.getByRole("button", { name: "Older" }).isDisabled()).toBe(expected.length <= 40);
    await history.getByRole("button", { name: "Newer" }).click();
    await settled(admin);
    expect(await auditRows(history)).toEqual(first);

    // Her two sessions, ended from here: gone for the API and for her devices.
    const sessions = admin.getByRole("region", { name: "Sessions of paged.erin" });
    await sessions.getByText("2 active sessions:").waitFor();
    await sessions.getByRole("button", { name: "End all sessions" }).click();
    await sessions.getByRole("button", { name: "Confirm" }).click();
    await sessions.getByText("All sessions ended.").waitFor();
    await sessions.getByText("No active sessions.").waitFor();
    expect(await api.users.sessions.query({ userId: erinId })).toEqual([]);
    for (const device of devices)
      await expect(device.account.me.query()).rejects.toMatchObject({ data: { appCode: "NOT_AUTHENTICATED" } });
    // ...and the history shows it, newest first.
    await history.locator("tbody tr").first().getByText("Sessions ended").waitFor();

    // A new password set from her profile ends the session she has since opened, here too.
    await apiAs(app, "paged.erin", PASSWORD);
    await admin.reload();
    await sessions.getByText("1 active session:").waitFor();
    await admin.getByRole("button", { name: "Set password" }).click();
    await admin.getByLabel("New password for paged.erin").fill("a fresh password");
    await admin.getByRole("button", { name: "Save password" }).click();
    await admin.getByText("Password set; their sessions ended.").waitFor();
    await sessions.getByText("No active sessions.").waitFor();
    await history.locator("tbody tr").first().getByText("Password set by an admin").waitFor();
    expect(await api.users.sessions.query({ userId: erinId })).toEqual([]);

    // Back in the users table: her last log-in, as a date.
    const lastLogIn = (await api.users.get.query({ userId: erinId })).lastLogInAt!;
    await admin.goto(`${app.url}/admin/users`);
    await showOnlyUser(admin, "paged.erin");
    expect(await cellsOf(admin, "Last log-in")).toEqual([formatWhen(lastLogIn)]);
  });

  it("keeps a plain user out of a user's page", async () => {
    const { ids } = await seed("plain.jo", "plain.kim");
    const page = await logIn("plain.jo", PASSWORD);
    const response = await page.goto(`${app.url}/admin/users/${ids.get("plain.kim")}`);
    expect(response?.status()).toBe(403);
    await page.getByRole("heading", { name: "Not allowed" }).waitFor();
    expect(await page.getByText("plain.kim").count()).toBe(0);
    expect(await page.title()).toBe("User · Gatehouse");
  });

  it("answers an unknown or malformed user id with the 404 page", async () => {
    const admin = await logIn("root.admin", ROOT_PASSWORD);
    for (const id of ["0190f0e4-1234-7abc-8def-0123456789ab", "not-an-id"]) {
      const response = await admin.goto(`${app.url}/admin/users/${id}`);
      expect(response?.status()).toBe(404);
      await admin.getByRole("heading", { name: "Page not found" }).waitFor(); // the app's own 404 page
    }
  });
});

describe("messages", () => {
  it("clear on the next action, and showing one moves nothing", async () => {
    await seed("message.fay", "message.gus");
    const admin = await logIn("root.admin", ROOT_PASSWORD);
    await admin.goto(`${app.url}/admin/users`);
    await settled(admin);

    // The create form: its message takes room kept for it, and goes at the next search.
    // The table shows one user, whom nothing below changes: only a message could move the form.
    await showOnlyUser(admin, "message.fay");
    const createForm = admin.getByRole("form", { name: "Create user" });
    const fieldsAt = async () => (await createForm.getByLabel("Username").boundingBox())!.y;
    const before = await fieldsAt();
    await createForm.getByLabel("Username").fill("message.hal");
    await createForm.getByLabel("Password").fill(PASSWORD);
    await createForm.getByRole("button", { name: "Create user" }).click();
    const created = admin.getByText("Created message.hal.");
    await created.waitFor();
    expect(await fieldsAt()).toBe(before);
    await admin.getByLabel("Status").selectOption("active");
    await created.waitFor({ state: "detached" });
    expect(await fieldsAt()).toBe(before);

    // A row's message goes when the admin acts in another row, or searches.
    await admin.getByLabel("Search").fill("message.");
    await admin.waitForFunction(() => document.querySelectorAll("tbody th[scope=row]").length === 3);
    const fay = rowNamed(admin, "message.fay");
    await fay.getByRole("button", { name: "Grant admin message.fay" }).click();
    const faysMessage = fay.getByText("Now an admin.");
    await faysMessage.waitFor();
    await rowNamed(admin, "message.gus").getByRole("button", { name: "Set password" }).click();
    await faysMessage.waitFor({ state: "detached" });
    const gus = rowNamed(admin, "message.gus");
    await gus.getByLabel("New password for message.gus").fill("a fresh password");
    await gus.getByRole("button", { name: "Save password" }).click();
    const gussMessage = gus.getByText("Password set; their sessions ended.");
    await gussMessage.waitFor();
    await admin.getByLabel("Search").fill("message.g");
    await admin.waitForFunction(() => document.querySelectorAll("tbody th[scope=row]").length === 1);
    await gussMessage.waitFor({ state: "detached" });

    // The user's page: the profile's message keeps its room, and goes at the next action.
    await gus.getByRole("link", { name: "message.gus" }).click();
    await admin.getByRole("heading", { level: 1, name: "message.gus" }).waitFor();
    await settled(admin);
    const sessionsAt = async () => (await admin.getByRole("heading", { name: "Sessions" }).boundingBox())!.y;
    const sessionsBefore = await sessionsAt();
    await admin.getByRole("button", { name: "Grant admin" }).click();
    const granted = admin.getByText("Now an admin.");
    await granted.waitFor();
    await admin.locator("dl.details dd", { hasText: /^Admin$/ }).waitFor();
    expect(await sessionsAt()).toBe(sessionsBefore);
    await admin.getByRole("button", { name: "Revoke admin" }).click();
    await granted.waitFor({ state: "detached" });
    await admin.getByRole("button", { name: "Confirm" }).click();
    const revoked = admin.getByText("No longer an admin.");
    await revoked.waitFor();
    expect(await sessionsAt()).toBe(sessionsBefore);
    await admin.getByRole("button", { name: "Deactivate" }).click(); // the next action: a confirmation opens
    await revoked.waitFor({ state: "detached" });
    await admin.keyboard.press("Escape");
  });
});

describe("screenshots", () => {
  it("of the audit log, a user's page and the users table, light and dark, desktop and phone, with nothing overflowing", async () => {
    const { ids } = await seed("shot.ivy");
    await apiAs(app, "shot.ivy", PASSWORD);
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [device, viewport] of [
        ["desktop", DESKTOP],
        ["phone", PHONE],
      ] as const) {
        const page = await logIn("root.admin", ROOT_PASSWORD, { viewport, colorScheme });
        for (const [name, path] of [
          ["audit-log", "/admin/audit"],
          ["user-page", `/admin/users/${ids.get("shot.ivy")}`],
          ["users-table", "/admin/users"],
        ] as const) {
          await page.goto(`${app.url}${path}`);
          await settled(page);
          // The whole page, and the first screen (what a long page's whole shot shrinks to nothing).
          await page.screenshot({ path: `${SCREENSHOTS}/${name}-${colorScheme}-${device}.png`, fullPage: true });
          await page.screenshot({ path: `${SCREENSHOTS}/${name}-${colorScheme}-${device}-top.png` });
          // Nothing may overflow the window sideways except a table, which scrolls in its box.
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          ).toBeLessThanOrEqual(0);
        }
        await page.context().close();
      }
    }
  });
});
