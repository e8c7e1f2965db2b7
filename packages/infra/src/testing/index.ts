export {
  createTestDatabase,
  dropTestTemplates,
  STALE_AFTER_MS,
  sweepStaleTestDatabases,
  TEST_POSTGRES_URL,
  TEST_PROVIDERS,
  type TestDatabase,
} from "./test-database";
export { migrateDatabase } from "../persistence/migrate";
export { TestClock } from "./test-clock";
export { postgresPoolOptions } from "../persistence/driver-adapter.factory";
export {
  SoftAuthenticator,
  type AssertionOverrides,
  type AuthenticationResponse,
  type RegistrationResponse,
  type CeremonyOverrides,
  type SoftAuthenticatorOptions,
  type SoftCredential,
} from "./soft-authenticator";
