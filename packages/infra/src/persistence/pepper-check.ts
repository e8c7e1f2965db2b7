import { createHmac, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "./prisma-client.factory";
import { withDatabaseErrors } from "./database-error.translator";

const SETTING = "pepper_check";
/** What is signed: a fixed label, so the stored value says nothing about any password. */
const LABEL = "gatehouse pepper check v1";

/** The server must not start: its pepper cannot check the passwords in this database. */
export class PepperMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PepperMismatchError";
  }
}

/**
 * Makes sure the pepper is the one the database's password hashes were made with. Every
 * hash depends on it, so with another pepper every log-in would fail as "Invalid username
 * or password", silently. The database keeps an HMAC-SHA-256 of a fixed label under the
 * pepper (never the pepper itself, nor anything a password can be checked against):
 * recorded on the first start, compared on every start after.
 *
 * `freshlyGenerated`: the pepper was made up just now (no PASSWORD_PEPPER, none kept under
 * `.data/`). That is fine for an empty database and never right for one that has users.
 */
export async function checkPepper(prisma: PrismaClient, pepper: Uint8Array, freshlyGenerated: boolean): Promise<void> {
  const check = createHmac("sha256", pepper).update(LABEL).digest("hex");
  const read = () => withDatabaseErrors(() => prisma.setting.findUnique({ where: { key: SETTING } }));
  let stored = await read();
  if (!stored) {
    if (freshlyGenerated && (await withDatabaseErrors(() => prisma.user.count())) > 0) {
      throw new PepperMismatchError(
        "PASSWORD_PEPPER: this database already has users, and no pepper was given or kept under .data/. Start with the pepper its passwords were made with.",
      );
    }
    // Two instances starting at once both try: the first one's value stands (the other's
    // insert fails on the key), and each compares itself with it below.
    await prisma.setting.create({ data: { key: SETTING, value: check } }).catch(() => undefined);
    stored = await read();
    if (!stored) throw new Error("Could not record the pepper check in the database.");
  }
  const matches =
    stored.value.length === check.length && timingSafeEqual(Buffer.from(stored.value), Buffer.from(check));
  if (!matches) {
    throw new PepperMismatchError(
      "PASSWORD_PEPPER: differs from the pepper this database was made with, so no password would match. Start with the original pepper.",
    );
  }
}
