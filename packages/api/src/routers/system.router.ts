import { backupSqliteDatabase, databaseProvider, POOL_PARAMETERS } from "@gatehouse/infra";
import { z } from "zod";
import { publicProcedure, router } from "../trpc/init";
import { credentialsInput, requiredString } from "./inputs";

const backupInput = z.object({ file: requiredString("File", 4096).min(1, "File is required.") }).strict();

/** What `db backup` did: a copy (SQLite), or, for PostgreSQL, the pg_dump line to run instead. */
export type BackupResult =
  | { provider: "sqlite"; file: string; bytes: number; pages: number; integrity: "ok" }
  | { provider: "postgresql"; written: false; command: string; note: string };

/**
 * Operator procedures. This router is merged only into the in-process router
 * (`createGatehouse().localCaller()`), never into the HTTP one: whoever runs them already
 * has the server's configuration and database.
 */
export const systemRouter = router({
  bootstrapSuperAdmin: publicProcedure
    .input(credentialsInput)
    .mutation(({ ctx, input }) => ctx.scope.bootstrapSuperAdmin.execute(input)),

  /** Deletes audit events older than AUDIT_RETENTION_DAYS. */
  purgeAudit: publicProcedure.mutation(async ({ ctx }) => {
    const { deleted, before } = await ctx.scope.purgeAuditEvents.execute();
    return { deleted, before: before.toISOString() };
  }),

  /**
   * A consistent copy of the SQLite database at `file`, made while the server serves (see
   * backupSqliteDatabase). PostgreSQL has its own tool: nothing is written, and the answer is
   * the pg_dump line to run.
   */
  backupDatabase: publicProcedure.input(backupInput).mutation(async ({ ctx, input }): Promise<BackupResult> => {
    if (databaseProvider(ctx.databaseUrl) === "sqlite") {
      const copy = await backupSqliteDatabase(ctx.databaseUrl.slice("file:".length), input.file);
      return { provider: "sqlite", ...copy, integrity: "ok" };
    }
    return {
      provider: "postgresql",
      written: false,
      command: pgDumpCommand(ctx.databaseUrl, input.file),
      note: "Nothing was written: back up PostgreSQL with pg_dump (set PGPASSWORD if the database needs a password).",
    };
  }),
});

/**
 * The pg_dump line for DATABASE_URL, without its password (pg_dump reads PGPASSWORD) and
 * without Gatehouse's pool settings, which pg_dump would refuse as unknown.
 */
export function pgDumpCommand(databaseUrl: string, file: string): string {
  const url = new URL(databaseUrl);
  url.password = "";
  for (const name of POOL_PARAMETERS) url.searchParams.delete(name);
  return `pg_dump --format=custom --file=${shellQuoted(file)} ${shellQuoted(url.toString())}`;
}

/** As a POSIX shell reads it: single quotes, unless the text needs none. */
function shellQuoted(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
