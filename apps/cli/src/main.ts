import { readFileSync } from "node:fs";
import {
  ASSIGNABLE_ROLES,
  AUDIT_EVENT_TYPES,
  USER_ROLES,
  type AssignableRole,
  type AuditEventType,
  type RouterOutputs,
  type UserRole,
} from "@gatehouse/api";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { CliError, describeFailure, EXIT } from "./errors";
import { record, table } from "./output";
import { readPassword } from "./password";
import { isServerUrl, loggedInClient, remoteClient } from "./remote";
import { readSecondFactor, type SecondFactorOptions } from "./second-factor";
import { forgetSession, readSession, writeSession } from "./session-store";

type Print = (text: string) => void;

/** The CLI's own version, as its package.json says. */
export const VERSION = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** The server's own logs would mix with the command's output; only warnings unless asked. */
async function localGatehouse() {
  process.env.LOG_LEVEL ??= "warn";
  const { createGatehouse } = await import("@gatehouse/api/server");
  const gatehouse = createGatehouse();
  // As the server does before it serves: never touch the passwords with a wrong pepper.
  await gatehouse.verifyPepper().catch(async (error: unknown) => {
    await gatehouse.dispose();
    throw error;
  });
  return gatehouse;
}

interface Io {
  out: Print;
  err: Print;
}

const USER_COLUMNS = ["id", "username", "role", "isActive", "2fa", "createdAt", "lastLogInAt"];
const SESSION_COLUMNS = ["id", "current", "ipAddress", "userAgent", "lastUsedAt", "createdAt"];
const AUDIT_COLUMNS = [
  "occurredAt",
  "type",
  "method",
  "actorUsername",
  "targetUsername",
  "attemptedUsername",
  "clientIp",
];
const PASSKEY_COLUMNS = ["id", "name", "backedUp", "lastUsedAt", "createdAt"];

/** The first page, or with `all` every page, following `nextCursor` to the end. */
async function collectPages<Page extends { items: unknown[]; nextCursor: string | null }>(
  fetchPage: (cursor: string | null) => Promise<Page>,
  all: boolean | undefined,
): Promise<{ items: Page["items"]; last: Page }> {
  const items: Page["items"] = [];
  let page = await fetchPage(null);
  items.push(...page.items);
  while (all && page.nextCursor) {
    page = await fetchPage(page.nextCursor);
    items.push(...page.items);
  }
  return { items, last: page };
}

/** What the API says you may do to a user, as a list of its procedures. */
function permitted(can: RouterOutputs["users"]["get"]["can"]): string {
  const actions = Object.entries(can).filter(([, allowed]) => allowed);
  return actions.map(([action]) => action).join(", ") || "nothing";
}

function positiveLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new InvalidArgumentError("must be a whole number from 1 to 100");
  }
  return limit;
}

/** A server's address as the fetch API takes it. */
function serverUrl(value: string): string {
  if (!isServerUrl(value)) {
    throw new InvalidArgumentError("must be an http:// or https:// URL, e.g. http://localhost:3000");
  }
  return value;
}

/** The `gatehouse` program. Returns the process exit code instead of exiting, for tests. */
export async function main(
  argv: string[],
  io: Io = { out: (t) => console.log(t), err: (t) => console.error(t) },
): Promise<number> {
  const program = new Command("gatehouse")
    .description(
      "Administer a Gatehouse server: bootstrap it locally, or log in to it and manage users. With GATEHOUSE_API_KEY (and GATEHOUSE_URL, the server) set, the remote commands send that API key instead of a session, so `login` is not needed; a read key only reads.",
    )
    .version(VERSION, "-V, --version", "print the CLI's version")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .showHelpAfterError();

  const json = new Option("--json", "print JSON for scripts instead of a table");
  const show = (value: unknown, asJson: boolean, render: () => string) =>
    io.out(asJson ? JSON.stringify(value, null, 2) : render());

  program
    .command("bootstrap-super-admin")
    .description(
      "Create the first and only super admin, directly on this server's database (DATABASE_URL, default: the SQLite file `pnpm start` uses). Password from GATEHOUSE_PASSWORD or standard input.",
    )
    .requiredOption("--username <name>", "the super admin's username")
    .addOption(json)
    .action(async (options: { username: string; json?: boolean }) => {
      const password = await readPassword();
      // Loaded only here: the remote commands must not need the server's configuration.
      const gatehouse = await localGatehouse();
      try {
        const result = await gatehouse
          .localCaller()
          .system.bootstrapSuperAdmin({ username: options.username, password });
        show(result, Boolean(options.json), () => `Super admin ${options.username} created (id ${result.id}).`);
      } finally {
        await gatehouse.dispose();
      }
    });

  program
    .command("login")
    .description(
      "Log in to a Gatehouse server and keep the session (mode 0600) for the next commands. Not needed with GATEHOUSE_API_KEY set. Password from GATEHOUSE_PASSWORD or standard input; with two-factor authentication on, the code from --code, --recovery-code or GATEHOUSE_TOTP, else asked for at a terminal.",
    )
    .requiredOption("--url <url>", "the server, e.g. http://localhost:3000", serverUrl)
    .requiredOption("--username <name>", "your username")
    .option("--code <code>", "the 6-digit code from your authenticator app (anything else is taken as a recovery code)")
    .addOption(new Option("--recovery-code <code>", "one of your recovery codes, instead of --code").conflicts("code"))
    .addOption(json)
    .action(async (options: { url: string; username: string; json?: boolean } & SecondFactorOptions) => {
      const password = await readPassword();
      const { client, state } = remoteClient(options.url);
      const answer = await client.account.logIn.mutate({ username: options.username, password });
      // With two-factor on, the password earned a challenge (a cookie `state` keeps), not a session.
      const me =
        "mfaRequired" in answer ? await client.account.completeMfa.mutate(await readSecondFactor(options)) : answer;
      writeSession({ url: options.url, cookie: state.cookie, username: me.username });
      show(me, Boolean(options.json), () => `Logged in to ${options.url} as ${me.username} (${me.role}).`);
    });

  program
    .command("logout")
    .description("End the stored session on the server and forget it here.")
    .action(async () => {
      const session = readSession();
      if (!session) throw new CliError("Not logged in.", EXIT.refused);
      try {
        await remoteClient(session.url, session.cookie).client.account.logOut.mutate();
      } finally {
        forgetSession();
      }
      io.out("Logged out.");
    });

  program
    .command("me")
    .description("Show the account you are logged in as.")
    .addOption(json)
    .action(async (options: { json?: boolean }) => {
      const me = await loggedInClient().client.account.me.query();
      show(me, Boolean(options.json), () => record(me));
    });

  const sessions = program.command("sessions").description("Your own sessions.");
  sessions
    .command("list")
    .description("List where you are logged in; the session this CLI uses is marked current.")
    .addOption(json)
    .action(async (options: { json?: boolean }) => {
      const list = await loggedInClient().client.account.sessions.query();
      show(list, Boolean(options.json), () => table(list, SESSION_COLUMNS));
    });

  const users = program.command("users").description("Manage users (admins and the super admin).");

  users
    .command("list")
    .description("List users, newest first unless sorted otherwise.")
    .option("--search <text>", "part of the username")
    .addOption(new Option("--role <role>", "only this role").choices(USER_ROLES))
    .addOption(new Option("--active", "only active users").conflicts("inactive"))
    .option("--inactive", "only deactivated users")
    .addOption(new Option("--sort <key>", "sort by").choices(["username", "createdAt"]))
    .option("--desc", "descending order (ascending by default when --sort is given)")
    .option("--limit <n>", "users per page (1–100)", positiveLimit)
    .option("--all", "follow the pages to the end")
    .addOption(json)
    .action(
      async (options: {
        search?: string;
        role?: UserRole;
        active?: boolean;
        inactive?: boolean;
        sort?: "username" | "createdAt";
        desc?: boolean;
        limit?: number;
        all?: boolean;
        json?: boolean;
      }) => {
        const { client } = loggedInClient();
        const query = {
          search: options.search ?? null,
          role: options.role ?? null,
          isActive: options.active ? true : options.inactive ? false : null,
          ...(options.sort && { sortBy: options.sort, order: options.desc ? ("desc" as const) : ("asc" as const) }),
          ...(!options.sort && options.desc && { order: "desc" as const }),
          ...(options.limit && { limit: options.limit }),
          includeTotal: true,
        };
        const { items, last } = await collectPages(
          (cursor) => client.users.list.query({ ...query, cursor }),
          options.all,
        );
        const total = last.total ?? items.length;
        show({ items, total }, Boolean(options.json), () => {
          const rows = items.map((item) => ({ ...item, "2fa": item.mfaEnabled }));
          return `${table(rows, USER_COLUMNS)}\n${items.length} of ${total} user${total === 1 ? "" : "s"}`;
        });
      },
    );

  users
    .command("create")
    .description("Create a user. Password from GATEHOUSE_PASSWORD or standard input.")
    .requiredOption("--username <name>", "the new user's username")
    .addOption(new Option("--role <role>", "their role").choices(ASSIGNABLE_ROLES).makeOptionMandatory())
    .addOption(json)
    .action(async (options: { username: string; role: AssignableRole; json?: boolean }) => {
      const { client } = loggedInClient();
      const password = await readPassword();
      const result = await client.users.create.mutate({ username: options.username, password, role: options.role });
      show(result, Boolean(options.json), () => `Created ${options.username} (id ${result.id}).`);
    });

  users
    .command("get")
    .description("Show one user.")
    .argument("<id>", "the user's id")
    .addOption(json)
    .action(async (userId: string, options: { json?: boolean }) => {
      const user = await loggedInClient().client.users.get.query({ userId });
      show(user, Boolean(options.json), () => record({ ...user, can: permitted(user.can) }));
    });

  users
    .command("set-password")
    .description("Set a user's password (their sessions end). Password from GATEHOUSE_PASSWORD or standard input.")
    .argument("<id>", "the user's id")
    .action(async (userId: string) => {
      const { client } = loggedInClient();
      const password = await readPassword("New password: ");
      await client.users.setPassword.mutate({ userId, password });
      io.out("Password set; the user's sessions have ended.");
    });

  users
    .command("sessions")
    .description("List a user's sessions.")
    .argument("<id>", "the user's id")
    .addOption(json)
    .action(async (userId: string, options: { json?: boolean }) => {
      const list = await loggedInClient().client.users.sessions.query({ userId });
      show(list, Boolean(options.json), () => table(list, SESSION_COLUMNS));
    });

  users
    .command("passkeys")
    .description("List a user's passkeys.")
    .argument("<id>", "the user's id")
    .addOption(json)
    .action(async (userId: string, options: { json?: boolean }) => {
      const list = await loggedInClient().client.users.passkeys.query({ userId });
      show(list, Boolean(options.json), () => table(list, PASSKEY_COLUMNS));
    });

  const simpleActions = [
    ["grant-admin", "Make a user an admin (super admin only).", "grantAdmin", "Granted admin."],
    ["revoke-admin", "Make an admin a plain user again (super admin only).", "revokeAdmin", "Revoked admin."],
    ["activate", "Let a deactivated user log in again.", "activate", "Activated."],
    [
      "deactivate",
      "Stop a user from logging in; their sessions end.",
      "deactivate",
      "Deactivated; the user's sessions have ended.",
    ],
    ["end-sessions", "Log a user out everywhere.", "endSessions", "All of the user's sessions have ended."],
    [
      "reset-mfa",
      "Turn off the two-factor authentication of a user who lost their app and recovery codes; their sessions end.",
      "resetMfa",
      "Two-factor authentication reset; the user's sessions have ended.",
    ],
    [
      "remove-passkeys",
      "Remove every passkey of a user (a lost or stolen device); their sessions end.",
      "removePasskeys",
      "Passkeys removed; the user's sessions have ended.",
    ],
  ] as const;
  for (const [name, description, procedure, done] of simpleActions) {
    users
      .command(name)
      .description(description)
      .argument("<id>", "the user's id")
      .action(async (userId: string) => {
        await loggedInClient().client.users[procedure].mutate({ userId });
        io.out(done);
      });
  }

  const audit = program.command("audit").description("The audit log.");
  audit
    .command("list")
    .description("List audit events, newest first.")
    .addOption(new Option("--type <type>", "only this event type").choices(AUDIT_EVENT_TYPES))
    .option("--actor <username>", "only events by this user")
    .option("--target <username>", "only events about this user")
    .option("--user <id>", "one user's history: events by or about the user with this id")
    .option("--from <date>", "from this ISO date or date-time (inclusive)")
    .option("--to <date>", "before this ISO date or date-time")
    .option("--limit <n>", "events per page (1–100)", positiveLimit)
    .option("--all", "follow the pages to the end")
    .addOption(json)
    .action(
      async (options: {
        type?: AuditEventType;
        actor?: string;
        target?: string;
        user?: string;
        from?: string;
        to?: string;
        limit?: number;
        all?: boolean;
        json?: boolean;
      }) => {
        const { client } = loggedInClient();
        const query = {
          type: options.type ?? null,
          actorUsername: options.actor ?? null,
          targetUsername: options.target ?? null,
          userId: options.user ?? null,
          from: options.from ?? null,
          to: options.to ?? null,
          ...(options.limit && { limit: options.limit }),
        };
        const { items } = await collectPages((cursor) => client.audit.list.query({ ...query, cursor }), options.all);
        show(items, Boolean(options.json), () => table(items, AUDIT_COLUMNS));
      },
    );
  audit
    .command("purge")
    .description(
      "Delete audit events older than AUDIT_RETENTION_DAYS (default 365), directly on this server's database.",
    )
    .addOption(json)
    .action(async (options: { json?: boolean }) => {
      const gatehouse = await localGatehouse();
      try {
        const result = await gatehouse.localCaller().system.purgeAudit();
        show(
          result,
          Boolean(options.json),
          () => `Deleted ${result.deleted} audit event(s) from before ${result.before}.`,
        );
      } finally {
        await gatehouse.dispose();
      }
    });

  const db = program.command("db").description("The server's database.");
  db.command("backup")
    .description(
      "Write a consistent copy of this server's SQLite database (DATABASE_URL) to FILE while the server serves " +
        "(SQLite's online backup API), checked with integrity_check. FILE must not exist. Keep the pepper " +
        "(PASSWORD_PEPPER or .data/pepper) with the backup: without it the passwords in it are unusable. " +
        "On PostgreSQL nothing is written: it prints the pg_dump line to run instead and exits 1.",
    )
    .argument("<file>", "the new backup file")
    .addOption(json)
    .action(async (file: string, options: { json?: boolean }) => {
      const gatehouse = await localGatehouse();
      try {
        const result = await gatehouse.localCaller().system.backupDatabase({ file });
        if (result.provider === "postgresql") {
          show(result, Boolean(options.json), () => result.command);
          throw new CliError(result.note, EXIT.refused);
        }
        show(
          result,
          Boolean(options.json),
          () => `Backed up the database to ${result.file} (${result.bytes} bytes, integrity check ok).`,
        );
      } finally {
        await gatehouse.dispose();
      }
    });

  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, successfully.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const { message, exitCode } = describeFailure(error);
    io.err(`gatehouse: ${message}`);
    return exitCode;
  }
}
