import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { BENCH_USER, startApp } from "./app";

/** Who to log in as before loading a page that needs a session (the admin pages). */
export interface WeightOptions {
  logIn?: { username: string; password: string };
}

/** The /admin page's budget: a server-rendered overview must stay well under a chart library's weight. */
export const ADMIN_PAGE_BUDGET_BYTES = 200 * 1024;

/** A session cookie (`name=value`) from the API's log-in, as the page's own form would get it. */
async function sessionCookie(url: string, credentials: { username: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/api/trpc/account.logIn`, {
    method: "POST",
    // No Origin: a program's call (a browser's would have to match APP_ORIGIN).
    headers: { "content-type": "application/json" },
    body: JSON.stringify(credentials),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((set) => set.split(";")[0]!)
    .find((pair) => /gatehouse_session=./.test(pair));
  if (!response.ok || !cookie) throw new Error(`could not log ${credentials.username} in: ${response.status}`);
  return cookie;
}

/**
 * P6: gzip size of the JavaScript a page loads, from the production build: what a real
 * browser (Chromium) fetches, so scripts a modern browser skips (Next's `noModule`
 * polyfills) are not counted and scripts loaded after the HTML are. Each body is gzipped
 * here at level 9, so the figure does not depend on the server's compression settings.
 * With `logIn`, the page is loaded with that user's session (an admin page would otherwise
 * redirect to /login and the figure would be the log-in page's).
 */
export async function javascriptWeight(
  url: string,
  path: string,
  { logIn }: WeightOptions = {},
): Promise<{ scripts: number; gzipBytes: number }> {
  const cookie = logIn ? await sessionCookie(url, logIn) : null;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext();
    if (cookie) {
      const [name, value] = cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url }]);
    }
    const page = await context.newPage();
    const bodies: Array<Promise<Buffer>> = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") bodies.push(response.body());
    });
    const response = await page.goto(`${url}${path}`, { waitUntil: "networkidle" });
    // A redirect (no session, or not an admin) would measure another page.
    if (new URL(page.url()).pathname !== new URL(`${url}${path}`).pathname || !response?.ok()) {
      throw new Error(`${path} answered ${response?.status()} at ${page.url()}: not the page to measure`);
    }
    const scripts = await Promise.all(bodies);
    return {
      scripts: scripts.length,
      gzipBytes: scripts.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
    };
  } finally {
    await browser.close();
  }
}

/** The admin overview (/admin) as the bench's super admin (root.admin, see app.ts) loads it. */
export function adminOverviewWeight(url: string) {
  return javascriptWeight(url, "/admin", { logIn: { username: "root.admin", password: BENCH_USER.password } });
}

// `pnpm --filter @gatehouse/bench exec tsx src/web-weight.ts`: the two pages' figures alone,
// without the rest of the benchmarks (needs the production build, as `pnpm start` does).
if (import.meta.url === `file://${process.argv[1]}`) {
  const app = await startApp();
  try {
    const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
    const login = await javascriptWeight(app.url, "/login");
    const admin = await adminOverviewWeight(app.url);
    console.log(`/login: ${login.scripts} scripts, ${kB(login.gzipBytes)} gzip (budget 150 kB)`);
    console.log(
      `/admin: ${admin.scripts} scripts, ${kB(admin.gzipBytes)} gzip (budget ${kB(ADMIN_PAGE_BUDGET_BYTES)})`,
    );
    process.exitCode = login.gzipBytes <= 150 * 1024 && admin.gzipBytes <= ADMIN_PAGE_BUDGET_BYTES ? 0 : 1;
  } finally {
    await app.stop();
  }
}
