import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "../../..");

/** `pnpm start` as the README runs it, with these variables; it must stop by itself. */
function start(env: Record<string, string>) {
  const run = spawnSync("pnpm", ["start"], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("starting with bad configuration", () => {
  it("stops before migrating or listening, with every problem at once, one line each naming its variable", () => {
    const { status, output } = start({
      PORT: "abc",
      DATABASE_URL: "nonsense",
      SESSION_IDLE_TTL: "soon",
      LOG_LEVEL: "chatty",
      TRUST_PROXY: "maybe",
    });
    expect(status).toBe(1);
    expect(output).toContain("Gatehouse cannot start. Invalid configuration:");
    expect(output).toContain("  - PORT: must be a whole number from 1 to 65535");
    expect(output).toContain('  - DATABASE_URL: must be a SQLite "file:" URL or a "postgresql://" URL');
    expect(output).toContain("  - SESSION_IDLE_TTL: must be a whole number from 60 to 31536000");
    expect(output).toContain("  - LOG_LEVEL: must be one of debug, info, warn, error, silent");
    expect(output).toContain("  - TRUST_PROXY: must be false, true, or the number of proxies in front (0–99)");
    expect(output).not.toMatch(/ready|listening|migrat/i);
  });

  it("names DATABASE_URL when a PostgreSQL URL cannot be used", () => {
    const { status, output } = start({ DATABASE_URL: "postgresql://db.internal:5432/?connection_limit=lots" });
    expect(status).toBe(1);
    expect(output).toContain("  - DATABASE_URL: names no database");
    expect(output).not.toMatch(/ready/i);
  });

  it("says why when the database cannot be reached, without starting", () => {
    const { status, output } = start({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:1/gatehouse?connect_timeout=2",
      PASSWORD_PEPPER: "a start-up test pepper of 32+ characters",
    });
    expect(status).toBe(1);
    expect(output).toContain("Gatehouse cannot start. Applying the database migrations failed:");
    expect(output).toMatch(/P1001|Can't reach database server/);
    expect(output).not.toMatch(/ready/i);
  });
});
