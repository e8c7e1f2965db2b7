import type { FactorInventory, UserFactors, UserId } from "@gatehouse/core";
import type { PrismaUnitOfWork } from "../adapters/prisma-unit-of-work";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/** Which second factors a user has, in one statement over both tables' user indexes. */
export class PrismaFactorInventory implements FactorInventory {
  constructor(private readonly unitOfWork: PrismaUnitOfWork) {}

  async of(userId: UserId): Promise<UserFactors> {
    const [row] = await withDatabaseErrors(
      () => this.unitOfWork.executor.$queryRaw<{ totp: number | bigint; passkeys: number | bigint }[]>`
        SELECT
          (SELECT COUNT(*) FROM totp_factors WHERE user_id = ${userId} AND enabled_at IS NOT NULL) AS totp,
          (SELECT COUNT(*) FROM passkeys WHERE user_id = ${userId}) AS passkeys`,
    );
    return { totp: Number(row?.totp ?? 0) > 0, passkeys: Number(row?.passkeys ?? 0) };
  }
}
