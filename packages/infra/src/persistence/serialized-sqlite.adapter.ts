import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** The connection's lock at one moment, for metrics: in use (0 or 1) and how many wait for it. */
export interface ConnectionLockStats {
  inUse: number;
  waiting: number;
}

/** A first-come, first-served lock. */
class Lock {
  private tail: Promise<void> = Promise.resolve();
  /** Holders and waiters: one holds, the rest wait. */
  private pending = 0;

  acquire(): Promise<() => void> {
    let release!: () => void;
    this.pending += 1;
    const released = new Promise<void>((resolve) => (release = resolve)).then(() => void (this.pending -= 1));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return acquired;
  }

  stats(): ConnectionLockStats {
    return { inUse: Math.min(this.pending, 1), waiting: Math.max(this.pending - 1, 0) };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * better-sqlite3 gives Prisma a single connection, and Prisma's adapter only serialises
 * transactions with each other: a plain query from another request would run inside an
 * open transaction, reading its uncommitted rows. This wrapper makes every query outside a
 * transaction wait until no transaction is open, which gives SQLite's usual isolation back.
 */
function serialize(adapter: Adapter, lock: Lock): Adapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => lock.run(() => adapter.queryRaw(query)),
    executeRaw: (query) => lock.run(() => adapter.executeRaw(query)),
    executeScript: (script) => lock.run(() => adapter.executeScript(script)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      const release = await lock.acquire();
      let transaction: Transaction;
      try {
        transaction = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      const finish = (end: () => Promise<void>) => async () => {
        try {
          await end();
        } finally {
          release();
        }
      };
      return Object.assign(Object.create(transaction) as Transaction, {
        commit: finish(() => transaction.commit()),
        rollback: finish(() => transaction.rollback()),
      });
    },
  };
}

/**
 * Write-ahead logging: a commit appends to the log instead of rewriting pages under a
 * rollback journal, so a write costs microseconds instead of several fsyncs (a log-in's six
 * small writes took ~12 ms of the event loop before). `synchronous = NORMAL` is the setting
 * SQLite recommends with WAL: the database is never corrupted and nothing is lost when the
 * process dies; only an OS crash or power cut can undo the last commits. Deployments that
 * need more use PostgreSQL.
 */
async function configure(adapter: Adapter): Promise<Adapter> {
  await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  return adapter;
}

/**
 * `PrismaBetterSQLite3`, with every connection it opens serialised as above. `lockStats()`
 * reads the lock of the connection it opened last (Prisma opens one): the pool's "in use"
 * and "waiting" on SQLite.
 */
export function createSerializedSqliteAdapter(options: ConstructorParameters<typeof PrismaBetterSQLite3>[0]) {
  const factory = new PrismaBetterSQLite3(options);
  let lock = new Lock();
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialize(await configure(await factory.connect()), (lock = new Lock())),
    connectToShadowDb: async () => serialize(await factory.connectToShadowDb(), new Lock()),
    lockStats: () => lock.stats(),
  } satisfies Pick<Factory, "provider" | "adapterName" | "connect" | "connectToShadowDb"> & {
    lockStats(): ConnectionLockStats;
  };
}
