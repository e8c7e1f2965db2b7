import {
  PasskeyRejectedError,
  SuperAdminExistsError,
  UsernameTakenError,
  type TransactionManager,
} from "@gatehouse/core";
import type { Prisma, PrismaClient } from "../generated/sqlite/client";
import { isUniqueViolation, translateDatabaseError } from "../persistence/database-error.translator";

/** Anything that can run Prisma queries: the client itself or an open transaction. */
export type PrismaExecutor = PrismaClient | Prisma.TransactionClient;

type PendingWrite = (db: Prisma.TransactionClient) => Promise<unknown>;

/**
 * One request's unit of work. Data mappers register writes here; `run` opens the
 * transaction, runs the work, sends the registered writes in order when the work returns,
 * and commits them all together or none at all (see TransactionManager).
 * Reads go through `executor`, so inside `run` they join the transaction.
 */
export class PrismaUnitOfWork implements TransactionManager {
  private transaction: Prisma.TransactionClient | null = null;
  private pending: PendingWrite[] = [];

  constructor(private readonly prisma: PrismaClient) {}

  get executor(): PrismaExecutor {
    return this.transaction ?? this.prisma;
  }

  register(write: PendingWrite): void {
    this.pending.push(write);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.transaction) return work(); // nested: joins the open transaction, whose run sends the writes
    try {
      return await this.prisma.$transaction(async (transaction) => {
        this.transaction = transaction;
        try {
          const result = await work();
          await this.sendPending(transaction);
          return result;
        } finally {
          this.transaction = null;
        }
      });
    } catch (error) {
      throw translateDatabaseError(error);
    } finally {
      this.pending = []; // whatever was not sent died with the transaction
    }
  }

  private async sendPending(transaction: Prisma.TransactionClient): Promise<void> {
    for (const write of this.pending.splice(0)) {
      try {
        await write(transaction);
      } catch (error) {
        // The one place where a database constraint becomes a domain error.
        if (isUniqueViolation(error, ["username_key", "usernameKey"])) throw new UsernameTakenError();
        if (isUniqueViolation(error, ["users_single_super_admin", "role"])) throw new SuperAdminExistsError();
        // An authenticator registered by two requests at once: the second is refused.
        if (isUniqueViolation(error, ["credential_id", "credentialId"])) throw new PasskeyRejectedError();
        throw translateDatabaseError(error);
      }
    }
  }
}
