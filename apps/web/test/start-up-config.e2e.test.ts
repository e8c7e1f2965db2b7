import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const webDir = resolve(import.meta.dirname, "..");

describe("starting the built app with bad configuration", () => {
  it("stops at once with one line per bad variable, naming its rule", () => {
    const run = spawnSync("npx", ["next", "start", "--port", "0"], {
      cwd: webDir,
      env: { ...process.env, SESSION_IDLE_TTL: "soon", LOG_LEVEL: "chatty" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toContain("Gatehouse cannot start. Invalid configuration:");
    expect(output).toContain("  - SESSION_IDLE_TTL: must be a whole number from 60 to 31536000");
    expect(output).toContain("  - LOG_LEVEL: must be one of debug, info, warn, error, silent");
  });
});
