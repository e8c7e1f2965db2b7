import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { apiAt } from "./api-over-http";
import { startApp } from "./app-under-test";
import { createPostgresDatabase } from "./postgres-database";

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
    expect(output).toContain("  - PORT: must be a whole number from 0 to 65535");
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

describe("starting with another pepper than the database was made with", () => {
  it("refuses to start, in one line naming PASSWORD_PEPPER, and keeps no pepper it made up", async () => {
    const database = await createPostgresDatabase("pepper");
    const databaseUrl = database.url;
    try {
      // Made with one pepper, and a user signed up.
      const app = await startApp({ databaseUrl, env: { PASSWORD_PEPPER: "the pepper this database was made with" } });
      try {
        expect(
          (await apiAt(app.url).mutate("account.signUp", { username: "early.user", password: "correct horse battery" }))
            .outcome,
        ).toBe("ok");
      } finally {
        await app.stop();
      }

      // Restarted without PASSWORD_PEPPER (the development pepper under .data/ is another one, or none).
      const keptPepper = join(repoRoot, ".data", "pepper");
      const hadKeptPepper = existsSync(keptPepper);
      const without = start({ DATABASE_URL: databaseUrl, PASSWORD_PEPPER: "" });
      expect(without.status).toBe(1);
      expect(without.output).toMatch(
        /Gatehouse cannot start\. PASSWORD_PEPPER: (differs from the pepper this database was made with|this database already has users)/,
      );
      expect(without.output).not.toMatch(/ready/i);
      expect(existsSync(keptPepper)).toBe(hadKeptPepper);

      // Restarted with a wrong one.
      const wrong = start({
        DATABASE_URL: databaseUrl,
        PASSWORD_PEPPER: "a pepper of 32+ characters, but not the one",
      });
      expect(wrong.status).toBe(1);
      expect(wrong.output).toContain(
        "Gatehouse cannot start. PASSWORD_PEPPER: differs from the pepper this database was made with",
      );
    } finally {
      await database.drop();
    }
    // It starts the app twice (build check and migrations each time): a hook's limit, not a test's.
  }, 240_000);
});
