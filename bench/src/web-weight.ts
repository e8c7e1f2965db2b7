import { gzipSync } from "node:zlib";

/** P6: gzip size of the JavaScript a page loads, from the production build. */
export async function javascriptWeight(url: string, path: string): Promise<{ scripts: number; gzipBytes: number }> {
  const html = await (await fetch(`${url}${path}`)).text();
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!))];
  let gzipBytes = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, url))).arrayBuffer());
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { scripts: sources.length, gzipBytes };
}
