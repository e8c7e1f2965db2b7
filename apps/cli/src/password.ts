import { createInterface } from "node:readline";
import { Writable } from "node:stream";

/**
 * A password from GATEHOUSE_PASSWORD, else from standard input: prompted without echo on a
 * terminal, read whole (one line) when piped. Never from a command-line argument, where it
 * would land in shell history and the process list.
 */
export async function readPassword(prompt = "Password: "): Promise<string> {
  const fromEnv = process.env.GATEHOUSE_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) return promptHidden(prompt);
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, "");
}

function promptHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  let muted = true;
  const silent = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) => {
    rl.question("", (answer) => {
      muted = false;
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
  });
}
