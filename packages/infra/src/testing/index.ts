export { createTestDatabase, migrate, type TestDatabase } from "./test-database";
