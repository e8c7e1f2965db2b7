import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findWorkspaceRoot } from "@gatehouse/infra";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CONFIG_VARIABLES, ConfigError, defaultHasherConcurrency, loadConfig } from "./config";

const pepper = "a pepper of at least thirty-two characters";

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("loadConfig", () => {
  // A checkout of its own for what loadConfig keeps under `.data/` (the generated development
  // pepper): a temporary folder that looks like the workspace root, as the working directory.
  // Nothing here writes into the repository's own `.data/`.
  let checkout: string;
  beforeEach(() => {
    checkout = mkdtempSync(join(tmpdir(), "gatehouse-config-"));
    writeFileSync(join(checkout, "pnpm-workspace.yaml"), "packages: []\n");
    vi.spyOn(process, "cwd").mockReturnValue(checkout);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(checkout, { recursive: true, force: true });
  });

  it("needs nothing on a developer's machine", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.appOrigin).toBe("http://localhost:3000");
    expect(config.databaseUrl).toBe(`file:${join(checkout, ".data", "gatehouse.db")}`);
    expect(config.session).toEqual({ idleTtlSeconds: 604_800, maxTtlSeconds: 2_592_000, secureCookies: false });
    expect(config.pepper.length).toBeGreaterThanOrEqual(32);
    expect(config.pepperSource).toBe("generated");
    expect(config.maxBodyBytes).toBe(65_536);
    // the generated development pepper is kept, not regenerated, where only this user reads it
    expect(loadConfig({}).pepper).toEqual(config.pepper);
    expect(loadConfig({}).pepperSource).toBe("kept");
    const dataDir = join(checkout, ".data");
    expect(findWorkspaceRoot()).toBe(checkout);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, "pepper")).mode & 0o777).toBe(0o600);
    expect(new TextEncoder().encode(readFileSync(join(dataDir, "pepper"), "utf8").trim())).toEqual(config.pepper);
  });

  it("writes no pepper when PASSWORD_PEPPER is set", () => {
    const config = loadConfig({ PASSWORD_PEPPER: pepper });
    expect(config.pepperSource).toBe("PASSWORD_PEPPER");
    expect(existsSync(join(checkout, ".data", "pepper"))).toBe(false);
  });

  it("has the documented throttle defaults: 10 per account, 100 per IP, 15 minutes, 20 sign-ups an hour", () => {
    // Every test harness overrides these; here nothing does (see also default-budgets.http.test.ts).
    expect(loadConfig({ PASSWORD_PEPPER: pepper }).throttle).toEqual({
      loginAttemptsPerAccount: 10,
      loginAttemptsPerIp: 100,
      loginWindowSeconds: 15 * 60,
      signUpsPerIp: 20,
      signUpWindowSeconds: 60 * 60,
    });
  });

  it("derives the origin from PORT and resolves relative SQLite paths from the repository root", () => {
    const config = loadConfig({ PORT: "4123", DATABASE_URL: "file:.data/other.db", PASSWORD_PEPPER: pepper });
    expect(config.appOrigin).toBe("http://localhost:4123");
    expect(config.allowedOrigins).toEqual(new Set(["http://localhost:4123"]));
    expect(config.databaseUrl).toBe(`file:${join(checkout, ".data", "other.db")}`);
  });

  it("selects PostgreSQL with a postgresql:// URL", () => {
    const url = "postgresql://gatehouse:secret@db.internal:5432/gatehouse?connection_limit=20";
    expect(loadConfig({ DATABASE_URL: url, PASSWORD_PEPPER: pepper }).databaseUrl).toBe(url);
  });

  it("uses Secure cookies on an https origin and accepts extra allowed origins", () => {
    const config = loadConfig({
      APP_ORIGIN: "https://auth.example.com/",
      ALLOWED_ORIGINS: "https://admin.example.com, https://tools.example.com",
      PASSWORD_PEPPER: pepper,
    });
    expect(config.appOrigin).toBe("https://auth.example.com");
    expect(config.session.secureCookies).toBe(true);
    expect([...config.allowedOrigins]).toEqual([
      "https://auth.example.com",
      "https://admin.example.com",
      "https://tools.example.com",
    ]);
  });

  it("requires a pepper when the app is served beyond this machine", () => {
    expect(problemsOf({ APP_ORIGIN: "https://auth.example.com" })).toMatch(/PASSWORD_PEPPER: required when APP_ORIGIN/);
  });

  it("names every bad value and its rule, one line each", () => {
    const message = problemsOf({
      PORT: "eighty",
      SESSION_IDLE_TTL: "-5",
      HASHER_MAX_CONCURRENCY: "0",
      PASSWORD_PEPPER: "short",
      LOG_LEVEL: "chatty",
      APP_ORIGIN: "ftp://example.com",
      MAX_BODY_BYTES: "10",
    });
    for (const name of [
      "PORT",
      "SESSION_IDLE_TTL",
      "HASHER_MAX_CONCURRENCY",
      "PASSWORD_PEPPER",
      "LOG_LEVEL",
      "APP_ORIGIN",
      "MAX_BODY_BYTES",
    ]) {
      expect(message).toMatch(new RegExp(`^  - ${name}: .+$`, "m"));
    }
    expect(message).toContain("PASSWORD_PEPPER: must be at least 32 characters");
  });

  it("refuses a database URL it cannot use yet, and a max TTL shorter than the idle TTL", () => {
    const message = problemsOf({
      DATABASE_URL: "mysql://db/gatehouse",
      SESSION_IDLE_TTL: "7200",
      SESSION_MAX_TTL: "3600",
      PASSWORD_PEPPER: pepper,
    });
    expect(message).toMatch(/DATABASE_URL: .*SQLite "file:" URL/);
    expect(message).toContain("SESSION_MAX_TTL: must not be shorter than SESSION_IDLE_TTL");
  });

  it("hashes one per core by default, leaving at least one thread of libuv's pool free", () => {
    expect(defaultHasherConcurrency(2, 4)).toBe(2);
    expect(defaultHasherConcurrency(8, 4)).toBe(3);
    expect(defaultHasherConcurrency(8, 16)).toBe(8);
    expect(defaultHasherConcurrency(1, 1)).toBe(1);
  });
});

describe("the configuration variables", () => {
  const root = findWorkspaceRoot();
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const turbo = JSON.parse(readFileSync(join(root, "turbo.json"), "utf8")) as { globalPassThroughEnv: string[] };

  it.each(CONFIG_VARIABLES)("%s is documented in the README's table and passed through by turbo", (name) => {
    expect(readme).toContain(`| \`${name}\` |`);
    // turbo's strict env mode drops whatever is not listed from `turbo run` tasks
    expect(turbo.globalPassThroughEnv).toContain(name);
  });
});
