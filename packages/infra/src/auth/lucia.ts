import { Lucia, TimeSpan } from "lucia";
import type { Database } from "../persistence/database";
import { PrismaLuciaAdapter, type SessionAccountAttributes } from "./prisma-lucia.adapter";

export interface SessionOptions {
  /** Sliding lifetime: renewed on use once less than half of it remains. */
  idleTtlSeconds: number;
  /** Absolute lifetime from log-in, however active the session. */
  maxTtlSeconds: number;
  /** HTTPS origin: `Secure` cookie with the `__Host-` prefix. */
  secureCookies: boolean;
}

export type GatehouseLucia = Lucia<Record<never, never>, SessionAccountAttributes>;

declare module "lucia" {
  interface Register {
    Lucia: GatehouseLucia;
    DatabaseUserAttributes: SessionAccountAttributes;
  }
}

export function createLucia(
  database: Pick<Database, "prisma" | "provider" | "sessionCheck">,
  options: SessionOptions,
): GatehouseLucia {
  const adapter = new PrismaLuciaAdapter(database.prisma, database.provider, database.sessionCheck, {
    maxLifetimeMs: options.maxTtlSeconds * 1000,
  });
  return new Lucia<Record<never, never>, SessionAccountAttributes>(adapter, {
    getUserAttributes: (attributes) => attributes,
    sessionExpiresIn: new TimeSpan(options.idleTtlSeconds, "s"),
    sessionCookie: {
      // `__Host-` makes browsers refuse the cookie unless Secure, Path=/ and no Domain.
      name: options.secureCookies ? "__Host-gatehouse_session" : "gatehouse_session",
      expires: true,
      attributes: { secure: options.secureCookies, sameSite: "lax", path: "/" },
    },
  });
}
