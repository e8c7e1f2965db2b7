// Domain
export * from "./domain/errors/domain-error";
export type { Clock } from "./domain/ports/clock.port";
export type { IdGenerator } from "./domain/ports/id-generator.port";
export type { PasswordHasher } from "./domain/ports/password-hasher.port";
export type { PasswordPolicy } from "./domain/ports/password-policy.port";
export { RawPassword } from "./domain/user/raw-password.value-object";
export { User, type PasswordHash, type UserProps } from "./domain/user/user.entity";
export { UserId } from "./domain/user/user-id.value-object";
export {
  ASSIGNABLE_ROLES,
  USER_ROLES,
  UserRole,
  isAssignableRole,
  isUserRole,
  type AssignableRole,
} from "./domain/user/user-role";
export { UserService } from "./domain/user/user.service";
export { MFA_REQUIREMENTS, isMfaRequirement, mfaRequiredFor, type MfaRequirement } from "./domain/mfa/mfa-requirement";
export {
  RECOVERY_CODE_ALPHABET,
  RecoveryCode,
  TotpCode,
  parseSecondFactorProof,
  type SecondFactorProof,
} from "./domain/mfa/one-time-code.value-object";
export { TotpFactor, type TotpFactorProps } from "./domain/mfa/totp-factor.entity";
export {
  API_KEY_DEFAULT_DAYS,
  API_KEY_SCOPES,
  parseApiKeyName,
  parseApiKeyScope,
  parseExpiresInDays,
  type ApiKeyScope,
} from "./domain/api-key/api-key";
export { parseDisplayName } from "./domain/common/display-name";
export { parsePasskeyId, parsePasskeyName } from "./domain/passkey/passkey";
export { Username } from "./domain/user/username.value-object";

// Application: errors, authorization, shared pieces
export * from "./application/errors/application-error";
export * from "./application/authorization/permissions";
export { ApiKeyScopeError, authorizeApiKeyCall, type CallKind } from "./application/authorization/api-key-access";
export { permittedUserActions, type UserActions } from "./application/authorization/user-actions";
export { CurrentUser } from "./application/common/current-user";
export { MfaEnrolment, hasSecondFactor, type RemovableFactor } from "./application/mfa/mfa-enrolment";
export { RECOVERY_CODE_COUNT, SecondFactorCheck, type SecondFactorDeps } from "./application/mfa/second-factor-check";
export { checkNewPassword } from "./application/common/new-password";
export { PasswordConfirmation } from "./application/common/password-confirmation";
export { validateFields } from "./application/common/validate-fields";

// Application: audit
export {
  AUDIT_EVENT_TYPES,
  LOG_IN_METHODS,
  type AuditEventType,
  type LogInMethod,
  type AuditEventView,
  type AuditRecord,
} from "./application/audit/audit-event";

// Application: ports
export type { AccessRevoker } from "./application/ports/access-revoker.port";
export type { AuditLog } from "./application/ports/audit-log.port";
export type { AuditPurger } from "./application/ports/audit-purger.port";
export type { AuditCriteria, AuditReader } from "./application/ports/audit-reader.port";
export type {
  ActivityBucketSize,
  ActivityCount,
  ActivityCountCriteria,
  ActivityReader,
  RoleCount,
} from "./application/ports/activity-reader.port";
export type { PasswordAttempts } from "./application/ports/password-attempts.port";
export type { SessionReader, SessionView } from "./application/ports/session-reader.port";
export type { IdentityProvider } from "./application/ports/identity-provider.port";
export type { ApiKeyGenerator } from "./application/ports/api-key-generator.port";
export type { ApiKeyStore, ApiKeyView, NewApiKey } from "./application/ports/api-key-store.port";
export type { MfaChallenge, MfaChallenges } from "./application/ports/mfa-challenges.port";
export type { FactorInventory, UserFactors } from "./application/ports/factor-inventory.port";
export type { PasskeyCeremony, PasskeyChallenge, PasskeyChallenges } from "./application/ports/passkey-challenges.port";
export type {
  NewPasskey,
  PasskeyCredential,
  PasskeyStore,
  PasskeyUse,
  PasskeyView,
  StoredPasskey,
} from "./application/ports/passkey-store.port";
export type {
  PasskeyVerifier,
  VerifiedAssertion,
  VerifiedRegistration,
  WebAuthnOptionsJson,
} from "./application/ports/passkey-verifier.port";
export type { RecoveryCodeGenerator } from "./application/ports/recovery-code-generator.port";
export type { RecoveryCodeStore } from "./application/ports/recovery-code-store.port";
export type { SecretCipher } from "./application/ports/secret-cipher.port";
export type { TotpFactorDataMapper } from "./application/ports/totp-factor-data-mapper.port";
export type { TotpVerifier } from "./application/ports/totp-verifier.port";
export type { TransactionManager } from "./application/ports/transaction-manager.port";
export type { UserDataMapper } from "./application/ports/user-data-mapper.port";
export type {
  AccountView,
  SortOrder,
  UserListCriteria,
  UserListFilter,
  UserListItem,
  UserListSort,
  UserReader,
} from "./application/ports/user-reader.port";

// Application: commands
export { ActivateUserInteractor } from "./application/commands/activate-user.interactor";
export { BootstrapSuperAdminInteractor } from "./application/commands/bootstrap-super-admin.interactor";
export {
  ChangePasswordInteractor,
  type ChangePasswordRequest,
} from "./application/commands/change-password.interactor";
export { CreateApiKeyInteractor, type CreateApiKeyRequest } from "./application/commands/create-api-key.interactor";
export { RevokeMyApiKeyInteractor } from "./application/commands/revoke-my-api-key.interactor";
export { RevokeUserApiKeysInteractor } from "./application/commands/revoke-user-api-keys.interactor";
export {
  BeginTotpEnrolmentInteractor,
  type TotpEnrolment,
} from "./application/commands/begin-totp-enrolment.interactor";
export {
  CompleteMfaLogInInteractor,
  type CompleteMfaLogInRequest,
} from "./application/commands/complete-mfa-log-in.interactor";
export { ConfirmTotpEnrolmentInteractor } from "./application/commands/confirm-totp-enrolment.interactor";
export { DisableMfaInteractor } from "./application/commands/disable-mfa.interactor";
export { RegenerateRecoveryCodesInteractor } from "./application/commands/regenerate-recovery-codes.interactor";
export { ResetUserMfaInteractor } from "./application/commands/reset-user-mfa.interactor";
export { BeginPasskeyLogInInteractor } from "./application/commands/begin-passkey-log-in.interactor";
export { BeginPasskeyRegistrationInteractor } from "./application/commands/begin-passkey-registration.interactor";
export { FinishPasskeyLogInInteractor } from "./application/commands/finish-passkey-log-in.interactor";
export { FinishPasskeyRegistrationInteractor } from "./application/commands/finish-passkey-registration.interactor";
export { RemovePasskeyInteractor } from "./application/commands/remove-passkey.interactor";
export { RemoveUserPasskeysInteractor } from "./application/commands/remove-user-passkeys.interactor";
export { RenamePasskeyInteractor } from "./application/commands/rename-passkey.interactor";
export { CreateUserInteractor, type CreateUserRequest } from "./application/commands/create-user.interactor";
export { DeactivateUserInteractor } from "./application/commands/deactivate-user.interactor";
export { EndMyOtherSessionsInteractor } from "./application/commands/end-my-other-sessions.interactor";
export { EndMySessionInteractor } from "./application/commands/end-my-session.interactor";
export { EndUserSessionsInteractor } from "./application/commands/end-user-sessions.interactor";
export { GrantAdminInteractor } from "./application/commands/grant-admin.interactor";
export { PurgeAuditEventsInteractor } from "./application/commands/purge-audit-events.interactor";
export { RevokeAdminInteractor } from "./application/commands/revoke-admin.interactor";
export {
  SetUserPasswordInteractor,
  type SetUserPasswordRequest,
} from "./application/commands/set-user-password.interactor";
export { SignUpInteractor, type SignUpRequest, type SignUpResponse } from "./application/commands/sign-up.interactor";

// Application: queries
export {
  ACTIVITY_MEASURES,
  ActivityOverviewQuery,
  type ActivityBucket,
  type ActivityMeasure,
  type ActivityOverview,
  type ActivitySeries,
  type RoleHeadcount,
} from "./application/queries/activity-overview.query";
export { MyApiKeysQuery } from "./application/queries/my-api-keys.query";
export { UserApiKeysQuery } from "./application/queries/user-api-keys.query";
export { MyPasskeysQuery } from "./application/queries/my-passkeys.query";
export { UserPasskeysQuery } from "./application/queries/user-passkeys.query";
export { MfaStatusQuery, type MfaStatus } from "./application/queries/mfa-status.query";
export { CurrentAccountQuery } from "./application/queries/current-account.query";
export { GetUserQuery } from "./application/queries/get-user.query";
export {
  ListAuditEventsQuery,
  type ListAuditEventsRequest,
  type ListAuditEventsResponse,
} from "./application/queries/list-audit-events.query";
export { MySessionsQuery } from "./application/queries/my-sessions.query";
export { UserSessionsQuery } from "./application/queries/user-sessions.query";
export {
  LIST_USERS_DEFAULTS,
  LIST_USERS_MAX_LIMIT,
  ListUsersQuery,
  type ListUsersRequest,
  type ListUsersResponse,
  type UserListItemWithActions,
} from "./application/queries/list-users.query";
export { encodeUserListCursor, USER_SORT_KEYS, type UserSortKey } from "./application/queries/user-list-cursor";
