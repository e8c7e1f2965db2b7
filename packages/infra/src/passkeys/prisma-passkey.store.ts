import type {
  NewPasskey,
  PasskeyCredential,
  PasskeyStore,
  PasskeyUse,
  PasskeyView,
  StoredPasskey,
  UserId,
} from "@gatehouse/core";
import type { PrismaUnitOfWork } from "../adapters/prisma-unit-of-work";
import { withDatabaseErrors } from "../persistence/database-error.translator";

const VIEW = { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true } as const;
const CREDENTIAL = { credentialId: true, publicKey: true, counter: true, transports: true } as const;

/** Passkeys in `passkeys`: public keys only, found by the credential id's unique index. */
export class PrismaPasskeyStore implements PasskeyStore {
  constructor(private readonly unitOfWork: PrismaUnitOfWork) {}

  add(passkey: NewPasskey): void {
    const { id, userId, credentialId, publicKey, counter, transports, name, backedUp, createdAt } = passkey;
    this.unitOfWork.register((db) =>
      db.passkey.create({
        data: {
          id,
          userId,
          credentialId,
          publicKey: Buffer.from(publicKey),
          counter: BigInt(counter),
          transports: transports.join(","),
          name,
          backedUp,
          createdAt,
        },
      }),
    );
  }

  async listOf(userId: UserId): Promise<PasskeyView[]> {
    return withDatabaseErrors(() =>
      this.unitOfWork.executor.passkey.findMany({
        where: { userId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: VIEW,
      }),
    );
  }

  async credentialsOf(userId: UserId): Promise<PasskeyCredential[]> {
    const rows = await withDatabaseErrors(() =>
      this.unitOfWork.executor.passkey.findMany({ where: { userId }, select: CREDENTIAL }),
    );
    return rows.map(credentialOf);
  }

  async findByCredentialId(credentialId: string): Promise<StoredPasskey | null> {
    const row = await withDatabaseErrors(() =>
      this.unitOfWork.executor.passkey.findUnique({
        where: { credentialId },
        select: { id: true, userId: true, ...CREDENTIAL },
      }),
    );
    return row && { id: row.id, userId: row.userId as UserId, ...credentialOf(row) };
  }

  async rename(userId: UserId, passkeyId: string, name: string): Promise<boolean> {
    const { count } = await withDatabaseErrors(() =>
      this.unitOfWork.executor.passkey.updateMany({ where: { id: passkeyId, userId }, data: { name } }),
    );
    return count > 0;
  }

  async remove(userId: UserId, passkeyId: string): Promise<boolean> {
    const { count } = await withDatabaseErrors(() =>
      this.unitOfWork.executor.passkey.deleteMany({ where: { id: passkeyId, userId } }),
    );
    return count > 0;
  }

  removeAllOf(userId: UserId): void {
    this.unitOfWork.register((db) => db.passkey.deleteMany({ where: { userId } }));
  }

  async recordUse(passkeyId: string, use: PasskeyUse): Promise<boolean> {
    // Conditional on the counter the check was made against: of two requests with one
    // assertion, the second finds the counter moved (or, for authenticators that keep none,
    // the challenge already taken) and loses.
    const { count } = await withDatabaseErrors(() =>
      this.unitOfWork.executor.passkey.updateMany({
        where: { id: passkeyId, counter: BigInt(use.previousCounter) },
        data: { counter: BigInt(use.newCounter), backedUp: use.backedUp, lastUsedAt: use.at },
      }),
    );
    return count > 0;
  }
}

function credentialOf(row: {
  credentialId: string;
  publicKey: Uint8Array;
  counter: bigint;
  transports: string;
}): PasskeyCredential {
  return {
    credentialId: row.credentialId,
    publicKey: new Uint8Array(row.publicKey),
    counter: Number(row.counter),
    transports: row.transports === "" ? [] : row.transports.split(","),
  };
}
