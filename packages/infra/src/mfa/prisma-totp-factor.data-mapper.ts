import { TotpFactor, type TotpFactorDataMapper, type UserId } from "@gatehouse/core";
import type { PrismaUnitOfWork } from "../adapters/prisma-unit-of-work";
import { ConcurrentUpdateError } from "../errors/infrastructure-error";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/**
 * Users' authenticator apps in `totp_factors`. Enrolment changes join the request's unit of
 * work; accepting a time step is one conditional UPDATE sent at once, so of two requests
 * with the same code (or an older one) exactly one matches the row.
 */
export class PrismaTotpFactorDataMapper implements TotpFactorDataMapper {
  constructor(private readonly unitOfWork: PrismaUnitOfWork) {}

  async read(userId: UserId): Promise<TotpFactor | null> {
    const row = await withDatabaseErrors(() => this.unitOfWork.executor.totpFactor.findUnique({ where: { userId } }));
    return row ? new TotpFactor({ ...row, userId: row.userId as UserId }) : null;
  }

  savePending(factor: TotpFactor): void {
    const { userId, encryptedSecret, createdAt } = factor;
    this.unitOfWork.register(async (db) => {
      // Replaces a pending enrolment only: an enabled factor is never overwritten this way.
      await db.totpFactor.deleteMany({ where: { userId, enabledAt: null } });
      await db.totpFactor.create({ data: { userId, encryptedSecret, createdAt, enabledAt: null } });
    });
  }

  saveConfirmed(factor: TotpFactor): void {
    const { userId, encryptedSecret, enabledAt, lastAcceptedStep } = factor;
    this.unitOfWork.register(async (db) => {
      // Only the pending enrolment this request read: not one begun again meanwhile.
      const { count } = await db.totpFactor.updateMany({
        where: { userId, encryptedSecret, enabledAt: null },
        data: { enabledAt, lastAcceptedStep },
      });
      if (count === 0) throw new ConcurrentUpdateError();
    });
  }

  remove(userId: UserId): void {
    this.unitOfWork.register(async (db) => {
      await db.mfaChallenge.deleteMany({ where: { userId } });
      await db.recoveryCode.deleteMany({ where: { userId } });
      await db.totpFactor.deleteMany({ where: { userId } });
    });
  }

  async acceptStep(userId: UserId, step: number): Promise<boolean> {
    const updated = await withDatabaseErrors(
      () => this.unitOfWork.executor.$executeRaw`
        UPDATE totp_factors SET last_accepted_step = ${step}
        WHERE user_id = ${userId} AND enabled_at IS NOT NULL
          AND (last_accepted_step IS NULL OR last_accepted_step < ${step})`,
    );
    return updated === 1;
  }
}
