// A throwaway PostgreSQL cluster of the test's own, on a free port in a temporary folder, that
// the test may stop and start at will (the shared server on 5432 must never be stopped).
// Built with the machine's PostgreSQL binaries, run as the `postgres` user: initdb refuses root.
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { migrateDatabase } from "@gatehouse/infra/testing";

const run = promisify(execFile);

/** The newest PostgreSQL installed from Debian's packages (15 on these machines), unless POSTGRES_BIN says. */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? newestDebianPostgres();

function newestDebianPostgres(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0] ?? "15";
  return join(root, newest, "bin");
}
const OS_USER = "postgres";

export interface PostgresCluster {
  /** `postgresql://` URL of the migrated `gatehouse` database (no pool parameters). */
  url: string;
  port: number;
  dir: string;
  /** Stops the server. `immediate` kills it like a crash (recovery on the next start). */
  stop(mode?: "immediate" | "fast"): Promise<void>;
  /** Starts it again on the same port and waits until it accepts connections. */
  start(): Promise<void>;
  /** The server's log, for a failure message. */
  log(): string;
  /** Stops the server if it runs and deletes the folder. Safe to call twice, never throws. */
  remove(): Promise<void>;
}

/** Runs a PostgreSQL binary as the `postgres` user (async: the event loop keeps serving). */
async function asPostgres(binary: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const { stdout } = await run("runuser", ["-u", OS_USER, "--", join(POSTGRES_BIN, binary), ...args], {
    timeout: timeoutMs,
    cwd: "/", // root's working directory may not be readable by `postgres`
  });
  return stdout;
}

/**
 * A TCP port the OS had free a moment ago. PostgreSQL cannot listen on port 0 and tell us its
 * port, so the cluster takes one this way and, if someone else bound it in between (the race
 * of any check-then-bind), starts again on another (see startPostgresCluster).
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function ownerIds(user: string): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${user}:`));
  if (!line) throw new Error(`no "${user}" user on this machine: is PostgreSQL installed?`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** initdb + pg_ctl start on a free port, then a `gatehouse` database with the real migrations. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-pg-"));
  const data = join(dir, "data");
  const socketDir = join(dir, "socket");
  const logFile = join(dir, "server.log");
  let running = false;
  let removed = false;
  let port = await freePort();

  const ctl = async (args: string[]) => asPostgres("pg_ctl", ["-D", data, ...args]);
  const start = async () => {
    // -w waits until the server accepts connections; -l sends its output to the log file,
    // so no pipe of ours stays open after pg_ctl returns. Sockets live in our folder.
    await ctl([
      "start",
      "-w",
      "-t",
      "30",
      "-l",
      logFile,
      "-o",
      `-p ${port} -c listen_addresses=127.0.0.1 -k ${socketDir}`,
    ]);
    running = true;
  };

  const cluster: PostgresCluster = {
    get url() {
      return `postgresql://postgres@127.0.0.1:${port}/gatehouse`;
    },
    get port() {
      return port;
    },
    dir,
    async stop(mode = "immediate") {
      await ctl(["stop", "-w", "-m", mode]);
      running = false;
    },
    start,
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
    async remove() {
      if (removed) return;
      removed = true;
      process.off("exit", removeAtExit);
      if (running || existsSync(join(data, "postmaster.pid"))) {
        await ctl(["stop", "-w", "-m", "immediate"]).catch(() => undefined);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // Last resort if the test process ends without afterAll (a crash, a timeout kill): no
  // server may outlive it. Synchronous, as "exit" handlers must be.
  function removeAtExit() {
    if (removed) return;
    try {
      if (existsSync(join(data, "postmaster.pid"))) {
        execFileSync(
          "runuser",
          ["-u", OS_USER, "--", join(POSTGRES_BIN, "pg_ctl"), "-D", data, "stop", "-m", "immediate"],
          { stdio: "ignore", cwd: "/", timeout: 10_000 },
        );
      }
    } catch {
      // best effort
    }
    rmSync(dir, { recursive: true, force: true });
  }
  process.once("exit", removeAtExit);

  try {
    const { uid, gid } = ownerIds(OS_USER);
    mkdirSync(socketDir);
    for (const path of [dir, socketDir]) chownSync(path, uid, gid);
    // --no-sync: the cluster is thrown away; the server itself still fsyncs as usual.
    await asPostgres("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
    for (let attempt = 1; ; attempt++) {
      try {
        await start();
        break;
      } catch (error) {
        // Another process took the port between freePort and the server's bind: take another.
        if (attempt >= 5 || !/could not bind|address already in use/i.test(cluster.log())) throw error;
        port = await freePort();
      }
    }
    await run(join(POSTGRES_BIN, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "gatehouse"]);
    await migrateDatabase(cluster.url);
    return cluster;
  } catch (error) {
    const log = cluster.log();
    await cluster.remove();
    throw new Error(`could not start a PostgreSQL cluster in ${dir}: ${(error as Error).message}\n${log}`, {
      cause: error,
    });
  }
}
