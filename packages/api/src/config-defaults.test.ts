import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findWorkspaceRoot } from "@gatehouse/infra";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, loadConfig, type Config } from "./config";

// The README's configuration table is the documentation of every default: each one is read
// from it here and compared with what a start without that variable gets.
const root = findWorkspaceRoot();
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The "default" cell of each variable's row, as written. */
function documentedDefaults(): Map<string, string> {
  const section = readme.slice(
    readme.indexOf("## Configuration"),
    readme.indexOf("\n## ", readme.indexOf("## Configuration")),
  );
  const defaults = new Map<string, string>();
  for (const [, name, cell] of section.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)) defaults.set(name!, cell!.trim());
  return defaults;
}

/** What the running configuration holds for each variable, written as the README writes it. */
const ACTUAL: Record<string, (config: Config) => string> = {
  PORT: (c) => `\`${c.port}\``,
  DATABASE_URL: (c) => `\`${c.databaseUrl.replace(root, "<repo>")}\``,
  APP_ORIGIN: (c) => `\`${c.appOrigin.replace(String(c.port), "$PORT")}\``,
  ALLOWED_ORIGINS: (c) => ([...c.allowedOrigins].every((origin) => origin === c.appOrigin) ? "–" : "some"),
  SESSION_IDLE_TTL: (c) => `\`${c.session.idleTtlSeconds}\` (7 days)`,
  SESSION_MAX_TTL: (c) => `\`${c.session.maxTtlSeconds}\` (30 days)`,
  HASHER_MAX_WAIT_MS: (c) => `\`${c.hasher.maxWaitMs}\``,
  TRUST_PROXY: (c) => `\`${c.trustProxy === 0 ? "false" : c.trustProxy}\``,
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: (c) => `\`${c.throttle.loginAttemptsPerAccount}\``,
  LOGIN_MAX_ATTEMPTS_PER_IP: (c) => `\`${c.throttle.loginAttemptsPerIp}\``,
  LOGIN_THROTTLE_WINDOW_SECONDS: (c) => `\`${c.throttle.loginWindowSeconds}\``,
  SIGNUP_MAX_PER_IP: (c) => `\`${c.throttle.signUpsPerIp}\``,
  SIGNUP_THROTTLE_WINDOW_SECONDS: (c) => `\`${c.throttle.signUpWindowSeconds}\``,
  AUDIT_RETENTION_DAYS: (c) => `\`${c.auditRetentionDays}\``,
  MAX_BODY_BYTES: (c) => `\`${c.maxBodyBytes}\``,
  LOG_LEVEL: (c) => `\`${c.logLevel}\``,
  REQUIRE_MFA: (c) => `\`${c.requireMfa}\``,
  METRICS_TOKEN: (c) => (c.metricsToken === null ? "–" : "some"),
  SHUTDOWN_GRACE_MS: (c) => `\`${c.shutdownGraceMs}\``,
};

// Defaults that depend on the machine or on files, each shown by its own test:
// PASSWORD_PEPPER by config.test.ts › "needs nothing on a developer's machine" (generated and
// kept), HASHER_MAX_CONCURRENCY by config.test.ts › "hashes one per core by default".
const SHOWN_ELSEWHERE = ["PASSWORD_PEPPER", "HASHER_MAX_CONCURRENCY"];

describe("the README's defaults", () => {
  // A pepper is given so that this test never generates one under .data/.
  const config = loadConfig({ PASSWORD_PEPPER: "a pepper of at least thirty-two characters" });
  const documented = documentedDefaults();

  it("lists every variable Gatehouse reads, each with its default", () => {
    expect([...documented.keys()].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it.each(Object.keys(ACTUAL))("%s: a start without it gets the default the README states", (name) => {
    expect(ACTUAL[name]!(config)).toBe(documented.get(name));
  });

  it("checks every documented default here or names where it is checked", () => {
    expect([...Object.keys(ACTUAL), ...SHOWN_ELSEWHERE].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
