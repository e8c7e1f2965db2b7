// A PostgreSQL database of a test file's own on the test server (127.0.0.1:5432 unless
// DATABASE_URL_POSTGRES says otherwise), dropped afterwards even if a server still holds it.
import { randomBytes } from "node:crypto";
import pg from "pg";

const POSTGRES_URL = process.env.DATABASE_URL_POSTGRES ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface PostgresDatabase {
  /** Its DATABASE_URL. */
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database named `gatehouse_<purpose>_<random>`. */
export async function createPostgresDatabase(purpose: string): Promise<PostgresDatabase> {
  const name = `gatehouse_${purpose}_${randomBytes(6).toString("hex")}`;
  await onServer(`CREATE DATABASE ${name}`);
  return {
    url: Object.assign(new URL(POSTGRES_URL), { pathname: `/${name}` }).toString(),
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
