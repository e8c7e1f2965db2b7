import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** Where `gatehouse login` keeps the server URL and the session cookie, readable by its owner only. */
export interface StoredSession {
  url: string;
  cookie: string;
  username: string;
}

export function sessionFile(): string {
  const configHome = process.env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(configHome, "gatehouse", "session.json");
}

export function readSession(): StoredSession | null {
  const file = sessionFile();
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")) as StoredSession;
}

export function writeSession(session: StoredSession): void {
  const file = sessionFile();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // also when the file existed with looser permissions
}

export function forgetSession(): void {
  rmSync(sessionFile(), { force: true });
}
