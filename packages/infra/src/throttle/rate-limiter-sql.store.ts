import { RateLimiterPrisma, RateLimiterRes, type RateLimiterStoreAbstract } from "rate-limiter-flexible";
import type { PrismaClient } from "../generated/sqlite/client";

/**
 * rate-limiter-flexible's base class for stores. Its types declare it, but its entry point
 * does not export it; every store extends it, RateLimiterPrisma included.
 */
const StoreAbstract = Object.getPrototypeOf(RateLimiterPrisma) as typeof RateLimiterStoreAbstract;

type StoreOptions = Omit<ConstructorParameters<typeof RateLimiterStoreAbstract>[0], "storeClient" | "tableName">;

/** A `rate_limits` row as the statements below return it. */
interface CounterRow {
  points: number | bigint;
  expire: Date | string | null;
}

/**
 * RateLimiterPrisma's semantics over the same `rate_limits` table, with each store operation
 * written as one SQL statement (the same on SQLite and PostgreSQL) instead of Prisma ORM
 * calls: a counted attempt is a single atomic upsert instead of a DELETE of the expired row
 * followed by an ORM upsert, and costs a fraction of the CPU.
 *
 * Values are bound as Prisma stores them (a JS Date for `expire`, see the round-trip test),
 * so the ORM reads these rows back unchanged. Expired rows are left for `purgeExpired`:
 * every statement here treats a row past its `expire` as absent.
 */
export class RateLimiterSqlStore extends StoreAbstract {
  /**
   * `now`: where the windows read the time (the app's Clock; tests pass one they can move
   * forward instead of waiting for a window to end). The library itself reads no clock on
   * this path: every time it uses comes from the statements and `_getRateLimiterRes` below.
   */
  constructor(
    private readonly prisma: PrismaClient,
    options: StoreOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    super({ ...options, storeClient: prisma });
  }

  /**
   * Adds `points` to the key's counter (a reward adds negative points), starting a new
   * window of `msDuration` when there is no row or its window has ended. `forceExpire`
   * (`set`, `block`) overwrites both the points and the window. `msDuration` 0: never expires.
   */
  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<CounterRow> {
    const now = this.now();
    const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
    const rows = forceExpire
      ? this.prisma.$queryRaw<CounterRow[]>`
          INSERT INTO "rate_limits" ("key", "points", "expire") VALUES (${key}, ${points}, ${expire})
          ON CONFLICT ("key") DO UPDATE SET "points" = excluded."points", "expire" = excluded."expire"
          RETURNING "points", "expire"`
      : this.prisma.$queryRaw<CounterRow[]>`
          INSERT INTO "rate_limits" ("key", "points", "expire") VALUES (${key}, ${points}, ${expire})
          ON CONFLICT ("key") DO UPDATE SET
            "points" = CASE WHEN "rate_limits"."expire" <= ${now} THEN ${points}
                            ELSE "rate_limits"."points" + ${points} END,
            "expire" = CASE WHEN "rate_limits"."expire" <= ${now} THEN ${expire}
                            ELSE "rate_limits"."expire" END
          RETURNING "points", "expire"`;
    return rows.then(([row]) => row!);
  }

  /** The key's counter while its window lasts, else null. */
  _get(key: string): Promise<CounterRow | null> {
    return this.prisma.$queryRaw<CounterRow[]>`
      SELECT "points", "expire" FROM "rate_limits"
      WHERE "key" = ${key} AND ("expire" > ${this.now()} OR "expire" IS NULL)`.then(([row]) => row ?? null);
  }

  /** Whether there was a row to delete. */
  _delete(key: string): Promise<boolean> {
    return this.prisma.$executeRaw`DELETE FROM "rate_limits" WHERE "key" = ${key}`.then((count) => count > 0);
  }

  /** As RateLimiterPrisma builds it from the row. */
  _getRateLimiterRes(_key: string, changedPoints: number, row: CounterRow): RateLimiterRes {
    const consumedPoints = Number(row.points);
    return new RateLimiterRes(
      Math.max(this.points - consumedPoints, 0),
      row.expire !== null ? Math.max(new Date(row.expire).getTime() - this.now().getTime(), 0) : -1,
      consumedPoints,
      consumedPoints === changedPoints,
    );
  }
}
