import { randomBytes } from "node:crypto";
import { dropTestTemplates } from "./test-database";

/**
 * A vitest globalSetup for every suite that makes test databases: one template per run,
 * dropped when the run ends, so a test run leaves no database behind. (Each test database
 * is dropped by its own suite.)
 */
export function setup(): void {
  // Set before vitest starts its workers, which inherit it.
  process.env.GATEHOUSE_TEST_RUN ??= `r${randomBytes(5).toString("hex")}`;
}

export async function teardown(): Promise<void> {
  await dropTestTemplates();
}
