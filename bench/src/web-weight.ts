import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

/**
 * P6: gzip size of the JavaScript a page loads, from the production build: what a real
 * browser (Chromium) fetches, so scripts a modern browser skips (Next's `noModule`
 * polyfills) are not counted and scripts loaded after the HTML are. Each body is gzipped
 * here at level 9, so the figure does not depend on the server's compression settings.
 */
export async function javascriptWeight(url: string, path: string): Promise<{ scripts: number; gzipBytes: number }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    const bodies: Array<Promise<Buffer>> = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") bodies.push(response.body());
    });
    await page.goto(`${url}${path}`, { waitUntil: "networkidle" });
    const scripts = await Promise.all(bodies);
    return {
      scripts: scripts.length,
      gzipBytes: scripts.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
    };
  } finally {
    await browser.close();
  }
}
