import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { CliError, EXIT } from "./errors";

const NO_PASSWORD = "No password given: type it when asked, pipe it on standard input, or set GATEHOUSE_PASSWORD.";

/**
 * A password from GATEHOUSE_PASSWORD, else from standard input: prompted without echo on a
 * terminal, read whole (one line) when piped. Never from a command-line argument, where it
 * would land in shell history and the process list. None at all is a usage error that says how
 * to give one; whether a given one is good enough is the API's rule to tell.
 */
export async function readPassword(prompt = "Password: "): Promise<string> {
  const password = await (process.env.GATEHOUSE_PASSWORD || readStandardInput(prompt));
  if (!password) throw new CliError(NO_PASSWORD, EXIT.usage);
  return password;
}

async function readStandardInput(prompt: string): Promise<string> {
  if (process.stdin.isTTY) return promptHidden(prompt);
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, "");
}

/** A line typed at the terminal without echo; empty when none (Enter or Ctrl-D alone). */
export function promptHidden(prompt: string): Promise<string> {
  // Readline echoes what is typed to its output: give it one that keeps nothing.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) => {
    let answer = "";
    rl.on("line", (line) => {
      answer = line;
      rl.close();
    });
    // After Enter, and on Ctrl-D (the end of input: no password).
    rl.on("close", () => {
      process.stderr.write("\n");
      resolve(answer);
    });
    // The terminal is in raw mode, so Ctrl-C is a keypress here: end as the signal would.
    rl.on("SIGINT", () => {
      rl.close();
      process.kill(process.pid, "SIGINT");
    });
    // Only now, with the terminal in raw mode: nothing typed after the prompt is echoed.
    process.stderr.write(prompt);
  });
}
