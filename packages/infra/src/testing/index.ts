export {
  createTestDatabase,
  migrate,
  TEST_POSTGRES_URL,
  TEST_PROVIDERS,
  type TestDatabase,
} from "./test-database";
