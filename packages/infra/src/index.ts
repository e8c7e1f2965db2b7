// Persistence
export { createPrismaClient, pingDatabase, type PrismaClient } from "./persistence/prisma-client.factory";
export { openDatabase, type Database, type PoolStats } from "./persistence/database";
export { migrateDatabase, MigrationError } from "./persistence/migrate";
export { checkPepper, PepperMismatchError } from "./persistence/pepper-check";
export {
  databaseProvider,
  POOL_PARAMETERS,
  defaultDataDir,
  findWorkspaceRoot,
  resolveDatabaseUrl,
  type DatabaseProvider,
} from "./persistence/database-url";
export { withDatabaseErrors } from "./persistence/database-error.translator";
export { backupSqliteDatabase, BackupRefusedError, type SqliteBackup } from "./persistence/sqlite-backup";

// Adapters
export { Argon2idPasswordHasher, type Argon2idOptions } from "./adapters/argon2id-password.hasher";
export type { ConcurrencyReading } from "./adapters/concurrency-limiter";
export { CommonPasswordPolicy } from "./adapters/common-password.policy";
export { PrismaUnitOfWork } from "./adapters/prisma-unit-of-work";
export { PrismaUserDataMapper } from "./adapters/prisma-user.data-mapper";
export { PrismaUserReader } from "./adapters/prisma-user.reader";
export type { UserSearchStrategy } from "./adapters/user-search.strategy";
export { PostgresUserSearch } from "./adapters/postgres-user-search.strategy";
export { SqliteUserSearch } from "./adapters/sqlite-user-search.strategy";
export { SystemClock } from "./adapters/system.clock";
export { Uuidv7IdGenerator } from "./adapters/uuidv7-id.generator";

// Auth
export type { CookieJar } from "./auth/cookie-jar";
export { createLucia, type GatehouseLucia, type SessionOptions } from "./auth/lucia";
export { hashSessionToken, type SessionClient } from "./auth/prisma-lucia.adapter";
export { RequestSession } from "./auth/request-session";
export { PrismaSessionReader } from "./auth/adapters/prisma-session.reader";
export { SessionAccessRevoker } from "./auth/adapters/session-access-revoker";
export { SessionIdentityProvider, type RequestCredential } from "./auth/adapters/session-identity-provider";
export { ApiKeyCaller } from "./auth/api-key-caller";
export { SessionAccountReader } from "./auth/adapters/session-account.reader";
export {
  LogInHandler,
  type LogInRequest,
  type LogInResponse,
  type MfaRequiredResponse,
  type SecondStepMethod,
} from "./auth/handlers/log-in.handler";
export { PasskeyLogInHandler } from "./auth/handlers/passkey-log-in.handler";
export { CompleteMfaHandler } from "./auth/handlers/complete-mfa.handler";
export {
  CookieMfaChallenges,
  MFA_CHALLENGE_ATTEMPTS,
  MFA_CHALLENGE_TTL_SECONDS,
  mfaChallengeCookieName,
  purgeExpiredMfaChallenges,
} from "./auth/cookie-mfa-challenges";
export { PrismaTotpFactorDataMapper } from "./mfa/prisma-totp-factor.data-mapper";
export { PrismaRecoveryCodeStore } from "./mfa/prisma-recovery-code.store";
export { LogOutHandler } from "./auth/handlers/log-out.handler";
export { SignUpHandler } from "./auth/handlers/sign-up.handler";

// Throttling
export { AttemptThrottle, type ThrottleBudgetName, type ThrottleBudgets } from "./throttle/attempt-throttle";
export { ThrottledPasswordAttempts } from "./throttle/throttled-password.attempts";

// Audit
export { PrismaAuditLog, type AuditOrigin } from "./audit/prisma-audit-log";
export { PrismaAuditPurger } from "./audit/prisma-audit.purger";
export { PrismaAuditReader } from "./audit/prisma-audit.reader";
export { PrismaActivityReader, type ActivityReaderOptions } from "./audit/prisma-activity.reader";

// API keys
export {
  API_KEY_PATTERN,
  API_KEY_PREFIX,
  hashApiKey,
  RandomApiKeyGenerator,
} from "./api-keys/random-api-key.generator";
export { PrismaApiKeyStore } from "./api-keys/prisma-api-key.store";

// Two-factor
export { OsloTotpVerifier } from "./mfa/oslo-totp.verifier";
export { AesGcmSecretCipher } from "./mfa/aes-gcm-secret.cipher";
export { RandomRecoveryCodeGenerator } from "./mfa/random-recovery-code.generator";

// Passkeys
export { PrismaPasskeyStore } from "./passkeys/prisma-passkey.store";
export {
  CookiePasskeyChallenges,
  PASSKEY_CHALLENGE_TTL_SECONDS,
  passkeyChallengeCookieName,
  purgeExpiredPasskeyChallenges,
} from "./passkeys/cookie-passkey-challenges";
export { SimpleWebAuthnPasskeyVerifier, type RelyingParty } from "./passkeys/simplewebauthn-passkey.verifier";
export { PrismaFactorInventory } from "./mfa/prisma-factor-inventory";

// Errors
export * from "./errors/infrastructure-error";
export { lowerHelperThreadPriority } from "./runtime/helper-thread-priority";
