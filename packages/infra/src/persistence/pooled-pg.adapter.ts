import { PrismaPg } from "@prisma/adapter-pg";

type Factory = PrismaPg;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Transaction["executeRaw"]>[0];

const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\s*$/i;

/**
 * Prisma 6.19 ends an interactive transaction by sending `COMMIT` or `ROLLBACK` through it
 * and only then calling the transaction's `commit()` / `rollback()`, which is what hands its
 * connection back to node-postgres's pool. When that statement fails (the server went away
 * mid-transaction), Prisma calls neither, so the connection is never released: every
 * database outage leaked the connections of the transactions it cut, until the pool was
 * empty and every request waited for `pool_timeout` ever after, even with the database back.
 *
 * Here, a failed `COMMIT` / `ROLLBACK` releases the connection (node-postgres discards a
 * connection that broke, rather than pooling it), and a second release is a no-op.
 */
function releasedOnFailedEnd(transaction: Transaction): Transaction {
  let released = false;
  const releaseOnce = (end: () => Promise<void>) => async () => {
    if (released) return;
    released = true;
    await end();
  };
  const commit = releaseOnce(() => transaction.commit());
  const rollback = releaseOnce(() => transaction.rollback());
  return Object.assign(Object.create(transaction) as Transaction, {
    commit,
    rollback,
    async executeRaw(query: Query) {
      try {
        return await transaction.executeRaw(query);
      } catch (error) {
        if (ENDS_TRANSACTION.test(query.sql)) await rollback().catch(() => undefined);
        throw error;
      }
    },
  });
}

function withReleasedTransactions(adapter: Adapter): Adapter {
  return Object.assign(Object.create(adapter) as Adapter, {
    async startTransaction(...args: Parameters<Adapter["startTransaction"]>) {
      return releasedOnFailedEnd(await adapter.startTransaction(...args));
    },
  });
}

/** `PrismaPg`, whose transactions always give their connection back (see above). */
export function createPooledPgAdapter(...args: ConstructorParameters<typeof PrismaPg>) {
  const factory = new PrismaPg(...args);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withReleasedTransactions(await factory.connect()),
    connectToShadowDb: async () => withReleasedTransactions(await factory.connectToShadowDb()),
  } satisfies Pick<Factory, "provider" | "adapterName" | "connect" | "connectToShadowDb">;
}
