import { randomBytes } from "node:crypto";
import { dropTestTemplates, sweepStaleTestDatabases } from "./test-database";

/**
 * A vitest globalSetup for every suite that makes test databases: one template per run,
 * dropped when the run ends, so a test run leaves no database behind. (Each test database
 * is dropped by its own suite.) Before it starts, what killed runs left behind more than an
 * hour ago is swept (sweepStaleTestDatabases).
 */
export async function setup(): Promise<void> {
  // Set before vitest starts its workers, which inherit it.
  process.env.GATEHOUSE_TEST_RUN ??= `r${randomBytes(5).toString("hex")}`;
  const swept = await sweepStaleTestDatabases();
  if (swept.length > 0)
    console.info(`Swept ${swept.length} stale test database(s) of earlier runs: ${swept.join(", ")}`);
}

export async function teardown(): Promise<void> {
  await dropTestTemplates();
}
