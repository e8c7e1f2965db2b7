// A full dump of a test database, as someone who stole it would have it: every row of every
// table (through SQL), and the raw bytes (the SQLite files, or `pg_dump --data-only`).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createPrismaClient } from "@gatehouse/infra";
import type { TestDatabase } from "@gatehouse/infra/testing";

export interface DatabaseDump {
  /** Every row of every table, by table name. */
  tables: Record<string, Array<Record<string, unknown>>>;
  /** The raw material: the SQLite database files, or pg_dump's output. */
  raw: Buffer[];
  /** How the raw part was taken, for the test's report. */
  rawSource: string;
}

export async function dumpDatabase(database: TestDatabase): Promise<DatabaseDump> {
  const prisma = createPrismaClient(database.url);
  try {
    const names =
      database.provider === "sqlite"
        ? await prisma.$queryRawUnsafe<Array<{ name: string }>>("SELECT name FROM sqlite_master WHERE type = 'table'")
        : await prisma.$queryRawUnsafe<Array<{ name: string }>>(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
          );
    const tables: DatabaseDump["tables"] = {};
    for (const { name } of names) {
      tables[name] =
        database.provider === "sqlite"
          ? await sqliteRows(prisma, name)
          : await prisma.$queryRawUnsafe(`SELECT * FROM ${quoteName(name)}`);
    }
    const { raw, rawSource } = database.provider === "sqlite" ? sqliteFiles(database.url) : pgDump(database.url);
    return { tables, raw, rawSource };
  } finally {
    await prisma.$disconnect();
  }
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * SQLite rows with every value as SQLite's own `quote()` spells it (text unquoted again,
 * numbers as text, blobs as X'hex'): the driver adapter cannot type a column of blobs.
 */
async function sqliteRows(
  prisma: ReturnType<typeof createPrismaClient>,
  table: string,
): Promise<Array<Record<string, unknown>>> {
  const columns = await prisma.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT name FROM pragma_table_info(${`'${table.replaceAll("'", "''")}'`})`,
  );
  if (columns.length === 0) return [];
  const select = columns.map(({ name }) => `quote(${quoteName(name)}) AS ${quoteName(name)}`).join(", ");
  const rows = await prisma.$queryRawUnsafe<Array<Record<string, string>>>(`SELECT ${select} FROM ${quoteName(table)}`);
  const unquote = (value: string) => (/^'.*'$/s.test(value) ? value.slice(1, -1).replaceAll("''", "'") : value);
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, unquote(value)])));
}

function sqliteFiles(url: string): { raw: Buffer[]; rawSource: string } {
  const path = url.replace(/^file:/, "");
  const files = ["", "-wal", "-journal", "-shm"].map((suffix) => `${path}${suffix}`).filter((file) => existsSync(file));
  return {
    raw: files.map((file) => readFileSync(file)),
    rawSource: `the bytes of ${files.map((file) => file.split("/").pop()).join(", ")}`,
  };
}

function pgDump(url: string): { raw: Buffer[]; rawSource: string } {
  const output = execFileSync("pg_dump", ["--data-only", "--no-owner", `--dbname=${url}`], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return { raw: [output], rawSource: `pg_dump --data-only (${output.length} bytes)` };
}

/** Every row as text, values of every type spelled out (dates as ISO, bytes as hex and base64). */
export function rowsAsText(tables: DatabaseDump["tables"]): string {
  return JSON.stringify(tables, (_key, value: unknown) => {
    if (typeof value === "bigint") return value.toString();
    if (value instanceof Uint8Array) {
      const bytes = Buffer.from(value);
      return { utf8: bytes.toString("utf8"), hex: bytes.toString("hex"), base64: bytes.toString("base64") };
    }
    return value;
  });
}

/** The spellings a secret could be stored in: as is, NFKC, hex, base64, base64url. */
export function encodingsOf(secret: string): string[] {
  const forms = new Set([secret, secret.normalize("NFKC")]);
  for (const form of [...forms]) {
    const bytes = Buffer.from(form, "utf8");
    forms.add(bytes.toString("hex"));
    forms.add(bytes.toString("hex").toUpperCase());
    forms.add(bytes.toString("base64"));
    forms.add(bytes.toString("base64").replace(/=+$/, ""));
    forms.add(bytes.toString("base64url"));
  }
  return [...forms].filter((form) => form.length >= 8);
}

/** Which of the secrets' encodings occur in the text or the raw bytes (as UTF-8 or UTF-16LE). */
export function findSecrets(secrets: string[], text: string, raw: Buffer[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    for (const form of encodingsOf(secret)) {
      const inText = text.includes(form);
      const inRaw = raw.some(
        (bytes) => bytes.includes(Buffer.from(form, "utf8")) || bytes.includes(Buffer.from(form, "utf16le")),
      );
      if (inText || inRaw)
        found.push(
          `${JSON.stringify(secret)} as ${JSON.stringify(form)}${inText ? " (in a row)" : " (in the raw bytes)"}`,
        );
    }
  }
  return found;
}
