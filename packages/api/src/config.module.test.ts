import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";

// The configuration module imported inside the tests, not at the top: a module that cannot
// even load must fail a test here (a test file that fails to load runs no test, and
// mutation testing counts no failure for it). node:fs is wrapped so that one test can make
// the pepper's write fail.
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return { ...real, writeFileSync: vi.fn(real.writeFileSync) };
});

const pepper = "a pepper of at least thirty-two characters";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the configuration module", () => {
  it("loads, and reads a whole environment", async () => {
    const { loadConfig } = await import("./config");
    expect(loadConfig({ PASSWORD_PEPPER: pepper, PORT: "4000" })).toMatchObject({
      port: 4000,
      appOrigin: "http://localhost:4000",
      pepperSource: "PASSWORD_PEPPER",
    });
  });

  it("lets a failure to write the development pepper through, other than finding it written", async () => {
    const { loadConfig } = await import("./config");
    const root = mkdtempSync(join(tmpdir(), "gatehouse-config-"));
    try {
      writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
      vi.spyOn(process, "cwd").mockReturnValue(root);
      const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      vi.mocked(writeFileSync).mockImplementationOnce(() => {
        throw denied;
      });
      expect(() => loadConfig({})).toThrow(denied);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
