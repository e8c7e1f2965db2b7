import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, defaultHasherConcurrency, discardGeneratedPepper, listeningOn, loadConfig } from "./config";

// The rules of the configuration, one by one, so that a changed rule fails a test (they are
// mutation-tested: packages/api/stryker.config.mjs). Every case gives PASSWORD_PEPPER, so no
// development pepper is written. The documented defaults are pinned in config.test.ts.

const pepper = "a pepper of at least thirty-two characters";
const load = (env: Record<string, string>) => loadConfig({ PASSWORD_PEPPER: pepper, ...env });

/** The problems a refused configuration lists, one per line, without the "  - " marks. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message, name } = error as ConfigError;
    expect(name).toBe("ConfigError");
    expect(message).toBe(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    return problems;
  }
  throw new Error("expected the configuration to be refused");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("each variable reaches its setting", () => {
  it("maps every value to its own field", () => {
    const config = load({
      PORT: "8080",
      SESSION_IDLE_TTL: "120",
      SESSION_MAX_TTL: "240",
      HASHER_MAX_CONCURRENCY: "5",
      HASHER_MAX_WAIT_MS: "750",
      TRUST_PROXY: "2",
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "11",
      LOGIN_MAX_ATTEMPTS_PER_IP: "101",
      LOGIN_THROTTLE_WINDOW_SECONDS: "61",
      SIGNUP_MAX_PER_IP: "21",
      SIGNUP_THROTTLE_WINDOW_SECONDS: "62",
      AUDIT_RETENTION_DAYS: "30",
      MAX_BODY_BYTES: "2048",
      LOG_LEVEL: "warn",
    });
    expect(config).toMatchObject({
      port: 8080,
      appOrigin: "http://localhost:8080",
      session: { idleTtlSeconds: 120, maxTtlSeconds: 240, secureCookies: false },
      hasher: { maxConcurrency: 5, maxWaitMs: 750 },
      trustProxy: 2,
      throttle: {
        loginAttemptsPerAccount: 11,
        loginAttemptsPerIp: 101,
        loginWindowSeconds: 61,
        signUpsPerIp: 21,
        signUpWindowSeconds: 62,
      },
      auditRetentionDays: 30,
      maxBodyBytes: 2048,
      logLevel: "warn",
      warnings: [],
    });
    expect(config.pepperSource).toBe("PASSWORD_PEPPER");
    expect(config.pepper).toEqual(new TextEncoder().encode(pepper));
  });

  it("counts an empty variable as unset", () => {
    const config = load({ PORT: "", TRUST_PROXY: "", LOG_LEVEL: "", ALLOWED_ORIGINS: "" });
    expect(config.port).toBe(3000);
    expect(config.trustProxy).toBe(0);
    expect(config.logLevel).toBe("info");
    expect([...config.allowedOrigins]).toEqual(["http://localhost:3000"]);
  });
});

describe("whole numbers within bounds", () => {
  it.each([
    ["PORT", "0", "65535", "-1", "65536", "must be a whole number from 0 to 65535"],
    ["SESSION_IDLE_TTL", "60", "31536000", "59", "31536001", "must be a whole number from 60 to 31536000"],
    ["HASHER_MAX_CONCURRENCY", "1", "256", "0", "257", "must be a whole number from 1 to 256"],
    ["HASHER_MAX_WAIT_MS", "1", "60000", "0", "60001", "must be a whole number from 1 to 60000"],
    ["LOGIN_MAX_ATTEMPTS_PER_ACCOUNT", "1", "10000", "0", "10001", "must be a whole number from 1 to 10000"],
    ["LOGIN_MAX_ATTEMPTS_PER_IP", "1", "100000", "0", "100001", "must be a whole number from 1 to 100000"],
    ["LOGIN_THROTTLE_WINDOW_SECONDS", "1", "86400", "0", "86401", "must be a whole number from 1 to 86400"],
    ["SIGNUP_MAX_PER_IP", "1", "100000", "0", "100001", "must be a whole number from 1 to 100000"],
    ["SIGNUP_THROTTLE_WINDOW_SECONDS", "1", "86400", "0", "86401", "must be a whole number from 1 to 86400"],
    ["AUDIT_RETENTION_DAYS", "1", "36500", "0", "36501", "must be a whole number from 1 to 36500"],
    ["MAX_BODY_BYTES", "1024", "16777216", "1023", "16777217", "must be a whole number from 1024 to 16777216"],
  ])("%s takes %s to %s and refuses %s, %s and fractions", (name, min, max, below, above, rule) => {
    // SESSION_MAX_TTL must not be shorter than SESSION_IDLE_TTL: keep it at its ceiling
    const extra: Record<string, string> = name === "SESSION_IDLE_TTL" ? { SESSION_MAX_TTL: "31536000" } : {};
    expect(() => load({ ...extra, [name]: min })).not.toThrow();
    expect(() => load({ ...extra, [name]: max })).not.toThrow();
    for (const bad of [below, above, "1.5", "ten"]) {
      expect(problemsOf({ PASSWORD_PEPPER: pepper, ...extra, [name]: bad })).toEqual([`${name}: ${rule}`]);
    }
  });

  it("takes SESSION_MAX_TTL equal to SESSION_IDLE_TTL, but not one second shorter", () => {
    expect(load({ SESSION_IDLE_TTL: "3600", SESSION_MAX_TTL: "3600" }).session.maxTtlSeconds).toBe(3600);
    expect(problemsOf({ PASSWORD_PEPPER: pepper, SESSION_IDLE_TTL: "3600", SESSION_MAX_TTL: "3599" })).toEqual([
      "SESSION_MAX_TTL: must not be shorter than SESSION_IDLE_TTL",
    ]);
  });

  it("checks the TTLs against each other only when both are valid", () => {
    expect(problemsOf({ PASSWORD_PEPPER: pepper, SESSION_IDLE_TTL: "bad", SESSION_MAX_TTL: "60" })).toEqual([
      "SESSION_IDLE_TTL: must be a whole number from 60 to 31536000",
    ]);
    expect(problemsOf({ PASSWORD_PEPPER: pepper, SESSION_IDLE_TTL: "120", SESSION_MAX_TTL: "bad" })).toEqual([
      "SESSION_MAX_TTL: must be a whole number from 60 to 31536000",
    ]);
  });
});

describe("LOG_LEVEL", () => {
  it.each(["debug", "info", "warn", "error", "silent"])("takes %s", (level) => {
    expect(load({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it("refuses another level, naming the choices", () => {
    expect(problemsOf({ PASSWORD_PEPPER: pepper, LOG_LEVEL: "trace" })).toEqual([
      "LOG_LEVEL: must be one of debug, info, warn, error, silent",
    ]);
  });
});

describe("REQUIRE_MFA", () => {
  it("is none unless set", () => {
    expect(load({}).requireMfa).toBe("none");
  });

  it.each(["none", "admins", "all"])("takes %s", (requirement) => {
    expect(load({ REQUIRE_MFA: requirement }).requireMfa).toBe(requirement);
  });

  it("refuses another value, naming the choices", () => {
    expect(problemsOf({ PASSWORD_PEPPER: pepper, REQUIRE_MFA: "admin" })).toEqual([
      "REQUIRE_MFA: must be one of none, admins, all",
    ]);
  });
});

describe("METRICS_TOKEN", () => {
  const token = "a-metrics-token-of-32-characters";

  it("is unset unless given: /metrics is not served", () => {
    expect(load({}).metricsToken).toBeNull();
  });

  it("takes a token of 32 printable characters", () => {
    expect(load({ METRICS_TOKEN: token }).metricsToken).toBe(token);
  });

  it("refuses a shorter token, and one with a space, naming the rule", () => {
    expect(problemsOf({ PASSWORD_PEPPER: pepper, METRICS_TOKEN: token.slice(1) })).toEqual([
      "METRICS_TOKEN: must be at least 32 characters (e.g. `openssl rand -base64 32`)",
    ]);
    expect(problemsOf({ PASSWORD_PEPPER: pepper, METRICS_TOKEN: `${token} x` })).toEqual([
      "METRICS_TOKEN: must be printable ASCII without spaces (it is sent in an HTTP header)",
    ]);
  });
});

describe("SHUTDOWN_GRACE_MS", () => {
  it("is 10 seconds unless set, and takes 0 to 600000", () => {
    expect(load({}).shutdownGraceMs).toBe(10_000);
    expect(load({ SHUTDOWN_GRACE_MS: "0" }).shutdownGraceMs).toBe(0);
    expect(load({ SHUTDOWN_GRACE_MS: "600000" }).shutdownGraceMs).toBe(600_000);
  });

  it("refuses a negative, too long or fractional grace", () => {
    for (const value of ["-1", "600001", "1.5"]) {
      expect(problemsOf({ PASSWORD_PEPPER: pepper, SHUTDOWN_GRACE_MS: value })).toEqual([
        "SHUTDOWN_GRACE_MS: must be a whole number from 0 to 600000",
      ]);
    }
  });
});

describe("TRUST_PROXY", () => {
  it.each([
    ["false", 0],
    ["true", 1],
    ["0", 0],
    ["1", 1],
    ["2", 2],
    ["99", 99],
  ])("%s trusts %i proxies", (value, proxies) => {
    expect(load({ TRUST_PROXY: value }).trustProxy).toBe(proxies);
  });

  it.each(["100", "yes", "TRUE", "-1", "1.0", "1x", "x1"])("refuses %s", (value) => {
    expect(problemsOf({ PASSWORD_PEPPER: pepper, TRUST_PROXY: value })).toEqual([
      "TRUST_PROXY: must be false, true, or the number of proxies in front (0–99)",
    ]);
  });
});

describe("origins", () => {
  it("takes the origin of APP_ORIGIN and of each allowed origin, trimmed, skipping empty items", () => {
    const config = load({
      APP_ORIGIN: "https://auth.example.com/some/path?q=1",
      ALLOWED_ORIGINS: " https://a.example.com/x ,,http://b.example.com:8080, ",
    });
    expect(config.appOrigin).toBe("https://auth.example.com");
    expect([...config.allowedOrigins]).toEqual([
      "https://auth.example.com",
      "https://a.example.com",
      "http://b.example.com:8080",
    ]);
  });

  it("PORT=0 without APP_ORIGIN: the origin becomes the port the server was given, allowed origins kept", () => {
    const config = load({ PORT: "0", ALLOWED_ORIGINS: "https://a.example.com" });
    expect(config.originFromPort).toBe(true);
    const listening = listeningOn(config, 41234);
    expect(listening.port).toBe(41234);
    expect(listening.appOrigin).toBe("http://localhost:41234");
    expect([...listening.allowedOrigins]).toEqual(["http://localhost:41234", "https://a.example.com"]);
    expect(config.appOrigin).toBe("http://localhost:0"); // the loaded configuration is not changed
  });

  it("keeps the origin when APP_ORIGIN is given, and all of it when PORT is not 0 (a test server elsewhere)", () => {
    const given = load({ PORT: "0", APP_ORIGIN: "https://auth.example.com" });
    expect(given.originFromPort).toBe(false);
    expect(listeningOn(given, 41234)).toEqual({ ...given, port: 41234 });
    const fixed = load({ PORT: "3000" });
    expect(listeningOn(fixed, 41234)).toBe(fixed);
  });

  it("refuses an origin that is not http(s), in APP_ORIGIN or ALLOWED_ORIGINS", () => {
    const rule = "must be an http(s) origin such as https://auth.example.com";
    expect(problemsOf({ PASSWORD_PEPPER: pepper, APP_ORIGIN: "ftp://example.com" })).toEqual([`APP_ORIGIN: ${rule}`]);
    expect(
      problemsOf({ PASSWORD_PEPPER: pepper, ALLOWED_ORIGINS: "https://ok.example.com,wss://x.example.com" }),
    ).toEqual([`ALLOWED_ORIGINS: ${rule}`]);
  });

  it.each(["httpx://example.com", "xhttp://example.com", "shttp://example.com", "ws://example.com"])(
    "refuses the scheme of %s",
    (origin) => {
      expect(problemsOf({ PASSWORD_PEPPER: pepper, APP_ORIGIN: origin })).toEqual([
        "APP_ORIGIN: must be an http(s) origin such as https://auth.example.com",
      ]);
    },
  );

  it.each(["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"])(
    "%s is this machine: no pepper needed, no warning",
    (origin) => {
      const config = loadConfig({ APP_ORIGIN: origin, PASSWORD_PEPPER: pepper });
      expect(config.warnings).toEqual([]);
      expect(config.session.secureCookies).toBe(false);
    },
  );

  it.each(["http://127.0.0.2:3000", "http://localhost.example.com", "http://[::2]:3000", "http://gatehouse.lan"])(
    "%s is beyond this machine: a pepper is required, and plain http warns",
    (origin) => {
      expect(problemsOf({ APP_ORIGIN: origin })).toEqual([
        `PASSWORD_PEPPER: required when APP_ORIGIN is not on this machine (${new URL(origin).origin}); losing it makes every password unusable, so keep it in your secret store`,
      ]);
      expect(load({ APP_ORIGIN: origin }).warnings).toEqual([
        `APP_ORIGIN is ${new URL(origin).origin}: plain http beyond this machine, so session cookies and passwords cross the network unencrypted. Serve Gatehouse over https (behind a TLS proxy) and set APP_ORIGIN=https://...`,
      ]);
    },
  );

  it("does not warn about https beyond this machine, and uses Secure cookies there only", () => {
    const config = load({ APP_ORIGIN: "https://auth.example.com" });
    expect(config.warnings).toEqual([]);
    expect(config.session.secureCookies).toBe(true);
    expect(load({ APP_ORIGIN: "https://localhost:3443" }).session.secureCookies).toBe(true);
  });

  it("refuses a short pepper with its rule", () => {
    expect(problemsOf({ PASSWORD_PEPPER: "x".repeat(31) })).toEqual([
      "PASSWORD_PEPPER: must be at least 32 characters (e.g. `openssl rand -base64 32`)",
    ]);
    expect(load({ PASSWORD_PEPPER: "x".repeat(32) }).pepper).toHaveLength(32);
  });

  it("lists every problem at once, the bad PORT leaving no origin to check", () => {
    expect(problemsOf({ PORT: "-1", LOG_LEVEL: "loud", DATABASE_URL: "mysql://db/g" })).toEqual([
      "PORT: must be a whole number from 0 to 65535",
      "LOG_LEVEL: must be one of debug, info, warn, error, silent",
      'DATABASE_URL: must be a SQLite "file:" URL or a "postgresql://" URL (got "mysql:...")',
    ]);
  });
});

describe("defaultHasherConcurrency", () => {
  it("reads UV_THREADPOOL_SIZE, 4 when unset or not a number", () => {
    vi.stubEnv("UV_THREADPOOL_SIZE", "9");
    expect(defaultHasherConcurrency(16)).toBe(8);
    vi.stubEnv("UV_THREADPOOL_SIZE", "");
    expect(defaultHasherConcurrency(16)).toBe(3);
    vi.stubEnv("UV_THREADPOOL_SIZE", "many");
    expect(defaultHasherConcurrency(16)).toBe(3);
  });
});

describe("the development pepper", () => {
  // A workspace of its own in a temporary folder (the configuration finds its .data/ from
  // the working directory): nothing is written into the repository.
  function inScratchWorkspace(): { dataDir: string; file: string; done: () => void } {
    const root = mkdtempSync(join(tmpdir(), "gatehouse-config-"));
    writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
    vi.spyOn(process, "cwd").mockReturnValue(root);
    const dataDir = join(root, ".data");
    return { dataDir, file: join(dataDir, "pepper"), done: () => rmSync(root, { recursive: true, force: true }) };
  }

  it("is generated once, kept private in .data/, then read back; only a generated one is discarded", () => {
    const { dataDir, file, done } = inScratchWorkspace();
    try {
      const first = loadConfig({});
      expect(first.pepperSource).toBe("generated");
      const written = readFileSync(file, "utf8");
      expect(written).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
      expect(first.pepper).toEqual(new TextEncoder().encode(written));
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);

      const again = loadConfig({});
      expect(again.pepperSource).toBe("kept");
      expect(again.pepper).toEqual(first.pepper);
      discardGeneratedPepper(again); // kept: stays
      expect(readFileSync(file, "utf8")).toBe(written);
      discardGeneratedPepper(load({})); // from PASSWORD_PEPPER: the kept file stays too
      expect(readFileSync(file, "utf8")).toBe(written);
      discardGeneratedPepper(first); // generated just now: gone
      expect(() => statSync(file)).toThrow();
      discardGeneratedPepper(first); // already gone: nothing to do, no error
      expect(loadConfig({}).pepperSource).toBe("generated");
    } finally {
      done();
    }
  });

  it("reads a kept pepper without its surrounding blanks, and makes its folder and file private again", () => {
    const { dataDir, file, done } = inScratchWorkspace();
    try {
      mkdirSync(dataDir, { mode: 0o755 });
      writeFileSync(file, "  a pepper someone wrote by hand\n", { mode: 0o644 });
      const config = loadConfig({});
      expect(config.pepperSource).toBe("kept");
      expect(new TextDecoder().decode(config.pepper)).toBe("a pepper someone wrote by hand");
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      done();
    }
  });

  it("takes a pepper file that appeared meanwhile (EEXIST) as another process's, and reads it", () => {
    const { dataDir, file, done } = inScratchWorkspace();
    try {
      // A link to a file not yet there: it looks absent, and the exclusive create then finds
      // it taken (EEXIST), as when another process writes the pepper in between.
      mkdirSync(dataDir, { mode: 0o700 });
      const theirs = join(dataDir, "theirs");
      symlinkSync(theirs, file);
      // past the refused create, on to reading the file (whose target is not written yet)
      expect(() => loadConfig({})).toThrow(expect.objectContaining({ code: "ENOENT" }));
      writeFileSync(theirs, "the other process's pepper");
      const config = loadConfig({});
      expect(config.pepperSource).toBe("kept");
      expect(new TextDecoder().decode(config.pepper)).toBe("the other process's pepper");
    } finally {
      done();
    }
  });
});
