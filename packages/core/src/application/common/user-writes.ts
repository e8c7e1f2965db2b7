import type { User } from "../../domain/user/user.entity";
import type { UserId } from "../../domain/user/user-id.value-object";
import type { AuditRecord } from "../audit/audit-event";
import type { AuditLog } from "../ports/audit-log.port";
import type { TransactionManager } from "../ports/transaction-manager.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

/** What a command reads and writes users through, with the audit log and the transaction that commits both. */
export interface UserWrites {
  users: UserDataMapper;
  transactions: TransactionManager;
  audit: AuditLog;
}

/** Adds a new user and the event that says who made it, in one transaction. */
export function saveNewUser(
  { users, transactions, audit }: UserWrites,
  user: User,
  event: AuditRecord,
): Promise<{ id: UserId }> {
  return transactions.run(async () => {
    users.add(user);
    audit.record(event);
    return { id: user.id };
  });
}

/** Saves a changed user and the event that says what changed, in one transaction. */
export function saveChangedUser(
  { users, transactions, audit }: UserWrites,
  user: User,
  event: AuditRecord,
): Promise<{ ok: true }> {
  return transactions.run(async () => {
    users.update(user);
    audit.record(event);
    return { ok: true as const };
  });
}
