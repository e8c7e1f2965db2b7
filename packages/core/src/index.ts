// Domain
export * from "./domain/errors/domain-error";
export type { Clock } from "./domain/ports/clock.port";
export type { PasswordHasher } from "./domain/ports/password-hasher.port";
export type { UserIdGenerator } from "./domain/ports/user-id-generator.port";
export { RawPassword } from "./domain/user/raw-password.value-object";
export { User, type PasswordHash, type UserId, type UserProps } from "./domain/user/user.entity";
export { USER_ROLES, isUserRole, type AssignableRole, type UserRole } from "./domain/user/user-role";
export { UserService } from "./domain/user/user.service";
export { Username } from "./domain/user/username.value-object";

// Application
export * from "./application/errors/application-error";
export { validateFields } from "./application/common/validate-fields";
export type { Flusher } from "./application/ports/flusher.port";
export type { IdentityProvider } from "./application/ports/identity-provider.port";
export type { TransactionManager } from "./application/ports/transaction-manager.port";
export type { UserDataMapper } from "./application/ports/user-data-mapper.port";
export type { AccountView, UserReader } from "./application/ports/user-reader.port";
export {
  SignUpInteractor,
  type SignUpRequest,
  type SignUpResponse,
} from "./application/commands/sign-up.interactor";
export { CurrentAccountQuery } from "./application/queries/current-account.query";
