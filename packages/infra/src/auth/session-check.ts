import type { AccountView } from "@gatehouse/core";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { userToAccountView } from "../persistence/user.mapper";

/** A session, found by its stored id, joined to its owner's account. */
export interface SessionCheckRow {
  expiresAt: Date;
  createdAt: Date;
  lastUsedAt: Date;
  /** The owner's columns of the same row, mapped as every `users` row is (user.mapper.ts). */
  owner: AccountView;
}

/** A live (unrevoked) API key, found by its hash, joined to its owner's account. */
export interface ApiKeyCheckRow {
  keyId: string;
  scope: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  owner: AccountView;
}

/**
 * The session check: the one query every authenticated request runs (an indexed read of the
 * session joined to its user). It is a prepared statement on the database driver itself,
 * because Prisma's query path cost more CPU than the whole rest of an `account.me` request
 * (README, Performance). Every write to sessions still goes through Prisma.
 */
export interface SessionCheck {
  find(storedId: string): Promise<SessionCheckRow | null>;
  /** The key check, the same kind of read for requests with an API key (by the key's SHA-256). */
  findApiKey(keyHash: string): Promise<ApiKeyCheckRow | null>;
  close(): Promise<void>;
}

const selectSession = (placeholder: string) => `
  SELECT s.user_id AS "userId", s.expires_at AS "expiresAt", s.created_at AS "createdAt",
         s.last_used_at AS "lastUsedAt", u.is_active AS "isActive",
         u.username AS "username", u.role AS "role", u.created_at AS "userCreatedAt"
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = ${placeholder}`;

const selectApiKey = (placeholder: string) => `
  SELECT k.id AS "keyId", k.scope AS "scope", k.expires_at AS "expiresAt", k.last_used_at AS "lastUsedAt",
         u.id AS "userId", u.is_active AS "isActive", u.username AS "username", u.role AS "role",
         u.created_at AS "userCreatedAt"
  FROM api_keys k JOIN users u ON u.id = k.user_id
  WHERE k.key_hash = ${placeholder} AND k.revoked_at IS NULL`;

interface StoredKeyRow {
  keyId: string;
  scope: string;
  expiresAt: string | Date;
  lastUsedAt: string | Date | null;
  userId: string;
  isActive: number | boolean;
  username: string;
  role: string;
  userCreatedAt: string | Date;
}

function toKeyRow(stored: StoredKeyRow): ApiKeyCheckRow {
  const { keyId, scope, userId, isActive, username, role, userCreatedAt } = stored;
  return {
    keyId,
    scope,
    expiresAt: new Date(stored.expiresAt),
    lastUsedAt: stored.lastUsedAt === null ? null : new Date(stored.lastUsedAt),
    owner: userToAccountView({ id: userId, username, role, isActive, createdAt: userCreatedAt }),
  };
}

interface StoredRow {
  userId: string;
  expiresAt: string | Date;
  createdAt: string | Date;
  lastUsedAt: string | Date;
  isActive: number | boolean;
  username: string;
  role: string;
  userCreatedAt: string | Date;
}

function toRow(stored: StoredRow): SessionCheckRow {
  const { userId, isActive, username, role, userCreatedAt } = stored;
  return {
    expiresAt: new Date(stored.expiresAt),
    createdAt: new Date(stored.createdAt),
    lastUsedAt: new Date(stored.lastUsedAt),
    owner: userToAccountView({ id: userId, username, role, isActive, createdAt: userCreatedAt }),
  };
}

/**
 * SQLite: a connection of its own, opened on first use, that only ever reads (`query_only`).
 * In write-ahead-log mode readers never wait for the writer, and a second connection sees
 * only committed rows, never the half-done transaction of Prisma's connection.
 */
export class SqliteSessionCheck implements SessionCheck {
  private statements: {
    session: Sqlite.Statement<[string], StoredRow>;
    apiKey: Sqlite.Statement<[string], StoredKeyRow>;
  } | null = null;
  private connection: Sqlite.Database | null = null;

  constructor(private readonly path: string) {}

  async find(storedId: string): Promise<SessionCheckRow | null> {
    const stored = this.prepared().session.get(storedId);
    return stored ? toRow(stored) : null;
  }

  async findApiKey(keyHash: string): Promise<ApiKeyCheckRow | null> {
    const stored = this.prepared().apiKey.get(keyHash);
    return stored ? toKeyRow(stored) : null;
  }

  async close(): Promise<void> {
    this.connection?.close();
    this.connection = null;
    this.statements = null;
  }

  private prepared() {
    if (!this.statements) {
      // The busy timeout matches Prisma's connection (see driver-adapter.factory.ts).
      const connection = new Sqlite(this.path, { fileMustExist: true, timeout: 5_000 });
      connection.pragma("journal_mode = WAL");
      connection.pragma("query_only = ON");
      this.statements = {
        session: connection.prepare<[string], StoredRow>(selectSession("?")),
        apiKey: connection.prepare<[string], StoredKeyRow>(selectApiKey("?")),
      };
      this.connection = connection;
    }
    return this.statements;
  }
}

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

/**
 * Prisma stores `DateTime` as `timestamp(3)` in UTC; node-postgres would read it as local time.
 * This query reads it as UTC, as Prisma does, without changing the pool's global parsers.
 */
const utcTimestamps = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as typeof pg.types.getTypeParser,
};

/** PostgreSQL: a named prepared statement on the pool Prisma uses (see persistence/database.ts). */
export class PostgresSessionCheck implements SessionCheck {
  constructor(private readonly pool: pg.Pool) {}

  async find(storedId: string): Promise<SessionCheckRow | null> {
    const { rows } = await this.pool.query<StoredRow>({
      name: "gatehouse_session_check",
      text: selectSession("$1"),
      values: [storedId],
      types: utcTimestamps,
    });
    return rows[0] ? toRow(rows[0]) : null;
  }

  async findApiKey(keyHash: string): Promise<ApiKeyCheckRow | null> {
    const { rows } = await this.pool.query<StoredKeyRow>({
      name: "gatehouse_api_key_check",
      text: selectApiKey("$1"),
      values: [keyHash],
      types: utcTimestamps,
    });
    return rows[0] ? toKeyRow(rows[0]) : null;
  }

  async close(): Promise<void> {
    // The pool belongs to the database handle, which ends it.
  }
}
