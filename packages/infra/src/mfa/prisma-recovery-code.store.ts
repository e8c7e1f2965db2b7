import type { RecoveryCodeStore, UserId } from "@gatehouse/core";
import type { PrismaUnitOfWork } from "../adapters/prisma-unit-of-work";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/** Recovery codes in `recovery_codes`, as hashes; using one is a single conditional UPDATE. */
export class PrismaRecoveryCodeStore implements RecoveryCodeStore {
  constructor(
    private readonly unitOfWork: PrismaUnitOfWork,
    private readonly now: () => Date,
  ) {}

  replace(userId: UserId, hashes: readonly string[]): void {
    this.unitOfWork.register(async (db) => {
      await db.recoveryCode.deleteMany({ where: { userId } });
      await db.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash })) });
    });
  }

  async use(userId: UserId, hash: string): Promise<boolean> {
    const updated = await withDatabaseErrors(
      () => this.unitOfWork.executor.$executeRaw`
        UPDATE recovery_codes SET used_at = ${this.now()}
        WHERE user_id = ${userId} AND code_hash = ${hash} AND used_at IS NULL`,
    );
    return updated === 1;
  }

  countUnused(userId: UserId): Promise<number> {
    return withDatabaseErrors(() => this.unitOfWork.executor.recoveryCode.count({ where: { userId, usedAt: null } }));
  }
}
