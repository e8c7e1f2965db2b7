// P5 (issue 10): users.list at scale. The first page and a deep page (a cursor 90 % of the
// way through the order: after 900 000 rows of 1 M, after 900 of 1 k) at 1 000 vs 1 000 000
// users, sorted by username and by createdAt, without search, with a common search term and
// with a rare one, on SQLite and on PostgreSQL. Everything goes through the real stack: the
// in-process API served over HTTP, called with fetch as the logged-in super admin.
// The figure is the median latency of sequential calls after warm-up; the two sizes are
// called alternately so that drift on a shared machine hits both alike.
import { createGatehouse, loadConfig, serveGatehouse } from "@gatehouse/api/server";
import { encodeUserListCursor, Username, type UserId, type UserSortKey } from "@gatehouse/core";
import { createPrismaClient } from "@gatehouse/infra";
import { createTestDatabase, dropTestTemplates, type TestDatabase } from "@gatehouse/infra/testing";
import type { Row } from "./row";
import { COMMON_TERM, RARE_TERM, seedUsers, type Provider } from "./list-seed";

interface Sort {
  by: UserSortKey;
  order: "asc" | "desc";
}

/** The two orders the admin console offers by default: username A-Z, newest first. */
const SORTS: Sort[] = [
  { by: "username", order: "asc" },
  { by: "createdAt", order: "desc" },
];
const SEARCHES = [
  { label: "no search", term: null },
  { label: `"${COMMON_TERM}" (0.8 %)`, term: COMMON_TERM },
  { label: `"${RARE_TERM}" (rare)`, term: RARE_TERM },
] as const;
const PAGES = ["first", "deep"] as const;
const PAGE_SIZE = 20; // the admin console's
const GOAL = 1.5;
const DEEP_SHARE = 0.9;
const PASSWORD = "correct horse battery";
const PEPPER = "a benchmark pepper of at least 32 characters";

export interface ListScaleFigure {
  provider: Provider;
  page: (typeof PAGES)[number];
  sort: string;
  search: string | null;
  smallMs: number;
  largeMs: number;
  ratio: number;
  /** Rows the page returned at each size (a sanity check that the search finds what it should). */
  smallItems: number;
  largeItems: number;
}

export interface ListScaleResult {
  rows: Row[];
  figures: {
    sizes: { small: number; large: number };
    seedSeconds: Record<string, number>;
    callsPerVariant: number;
    variants: ListScaleFigure[];
    /**
     * Not in P5's list, for information: the first page as the admin console asks for it,
     * with `includeTotal: true` (a COUNT of every matching user on every page).
     */
    withTotal: ListScaleFigure[];
  };
}

interface Served {
  size: number;
  deepCursors: Map<string, string>;
  /** One users.list call: its latency and how many items it returned. */
  list(input: Record<string, unknown>): Promise<{ ms: number; items: number }>;
  close(): Promise<void>;
}

const sortKey = (sort: Sort) => `${sort.by} ${sort.order}`;

/** The cursor that continues after the row at `position` of the whole table in `sort`. */
async function deepCursor(
  prisma: ReturnType<typeof createPrismaClient>,
  sort: Sort,
  position: number,
): Promise<string> {
  const column = sort.by === "username" ? "username_key" : "created_at";
  const direction = sort.order === "asc" ? "ASC" : "DESC";
  const [row] = await prisma.$queryRawUnsafe<Array<{ id: string; usernameKey: string; createdAt: Date | string }>>(
    `SELECT id, username_key AS "usernameKey", created_at AS "createdAt" FROM users
     ORDER BY ${column} ${direction}, id ${direction} LIMIT 1 OFFSET ${position - 1}`,
  );
  if (!row) throw new Error(`no row at position ${position}`);
  return encodeUserListCursor(sort.by, sort.order, {
    id: row.id as UserId,
    username: row.usernameKey,
    role: "user",
    isActive: true,
    createdAt: new Date(row.createdAt),
    lastLogInAt: null,
    mfaEnabled: false,
  });
}

/** A database of `size` users plus the super admin, served over HTTP, with a logged-in super admin. */
async function serve(provider: Provider, size: number, seedSeconds: Record<string, number>): Promise<Served> {
  let database: TestDatabase | null = await createTestDatabase(provider);
  const config = loadConfig({
    DATABASE_URL: database.url,
    PASSWORD_PEPPER: PEPPER,
    LOG_LEVEL: "silent",
    LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "10000",
    LOGIN_MAX_ATTEMPTS_PER_IP: "100000",
  });
  const gatehouse = createGatehouse(config);
  let server: Awaited<ReturnType<typeof serveGatehouse>> | null = null;
  const close = async () => {
    await server?.close();
    await gatehouse.dispose();
    await database?.remove();
    database = null;
  };
  try {
    await gatehouse.localCaller().system.bootstrapSuperAdmin({ username: "root.admin", password: PASSWORD });

    const prisma = createPrismaClient(database.url);
    const deepCursors = new Map<string, string>();
    try {
      seedSeconds[`${provider} ${size}`] = await seedUsers(prisma, provider, size);
      // Every seeded name must be one the domain accepts (a sample: the generator is uniform).
      const sample = await prisma.$queryRawUnsafe<Array<{ username: string }>>(
        "SELECT username FROM users ORDER BY created_at DESC LIMIT 2000",
      );
      for (const { username } of sample) Username.create(username);
      const position = Math.round(size * DEEP_SHARE);
      for (const sort of SORTS) deepCursors.set(sortKey(sort), await deepCursor(prisma, sort, position));
    } finally {
      await prisma.$disconnect();
    }

    server = await serveGatehouse(gatehouse, { host: "127.0.0.1" });
    const url = server.url;
    const login = await fetch(`${url}/api/trpc/account.logIn`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: config.appOrigin },
      body: JSON.stringify({ username: "root.admin", password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`log-in failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((header) => header.split(";")[0])
      .join("; ");

    const list = async (input: Record<string, unknown>) => {
      const started = performance.now();
      const response = await fetch(`${url}/api/trpc/users.list?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers: { cookie },
      });
      const body = (await response.json()) as { result?: { data: { items: unknown[] } } };
      const ms = performance.now() - started;
      if (!response.ok || !body.result)
        throw new Error(`users.list failed: ${response.status} ${JSON.stringify(body)}`);
      return { ms, items: body.result.data.items.length };
    };
    return { size, deepCursors, list, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median latency of `calls` sequential calls at each size, alternating sizes, after `warmUp` calls each. */
async function measure(
  small: Served,
  large: Served,
  input: (served: Served) => Record<string, unknown>,
  warmUp: number,
  calls: number,
) {
  const smallInput = input(small);
  const largeInput = input(large);
  let smallItems = 0;
  let largeItems = 0;
  for (let i = 0; i < warmUp; i++) {
    smallItems = (await small.list(smallInput)).items;
    largeItems = (await large.list(largeInput)).items;
  }
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  for (let i = 0; i < calls; i++) {
    smallMs.push((await small.list(smallInput)).ms);
    largeMs.push((await large.list(largeInput)).ms);
  }
  return { smallMs: median(smallMs), largeMs: median(largeMs), smallItems, largeItems };
}

const count = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000} M` : `${n / 1000} k`);

/**
 * P5 rows and figures. `quick` compares 1 k with 100 k users (each figure names its size) and makes
 * fewer calls; the default compares 1 k with 1 M.
 */
export async function listAtScale({ quick = false }: { quick?: boolean } = {}): Promise<ListScaleResult> {
  const small = 1_000;
  const large = quick ? 100_000 : 1_000_000;
  const warmUp = quick ? 3 : 5;
  const calls = quick ? 11 : 31;
  const seedSeconds: Record<string, number> = {};
  const rows: Row[] = [];
  const variants: ListScaleFigure[] = [];
  const withTotal: ListScaleFigure[] = [];

  for (const provider of ["sqlite", "postgresql"] as const) {
    const smallServed = await serve(provider, small, seedSeconds);
    let largeServed: Served | null = null;
    try {
      largeServed = await serve(provider, large, seedSeconds);
      for (const page of PAGES) {
        for (const sort of SORTS) {
          for (const search of SEARCHES) {
            const input = (served: Served) => ({
              limit: PAGE_SIZE,
              sortBy: sort.by,
              order: sort.order,
              ...(page === "deep" && { cursor: served.deepCursors.get(sortKey(sort)) }),
              ...(search.term !== null && { search: search.term }),
            });
            const figure = await measure(smallServed, largeServed, input, warmUp, calls);
            const ratio = figure.largeMs / figure.smallMs;
            variants.push({ provider, page, sort: sortKey(sort), search: search.term, ...figure, ratio });
            const database = provider === "sqlite" ? "SQLite" : "PostgreSQL";
            const where = page === "first" ? "first page" : `page after ${DEEP_SHARE * 100} %`;
            rows.push({
              id: "P5",
              measure: `users.list ${database}, ${where}, ${sortKey(sort)}, ${search.label}`,
              gatehouse: `${figure.largeMs.toFixed(2)} ms (${count(large)})`,
              baseline: `${figure.smallMs.toFixed(2)} ms (${count(small)})`,
              ratio,
              goal: `≤ ${GOAL}`,
              met: ratio <= GOAL,
            });
          }
        }
      }
      for (const search of [null, COMMON_TERM]) {
        const input = () => ({
          limit: PAGE_SIZE,
          sortBy: "createdAt",
          order: "desc",
          includeTotal: true,
          ...(search && { search }),
        });
        const figure = await measure(smallServed, largeServed, input, warmUp, Math.ceil(calls / 3));
        withTotal.push({
          provider,
          page: "first",
          sort: "createdAt desc",
          search,
          ...figure,
          ratio: figure.largeMs / figure.smallMs,
        });
      }
    } finally {
      await largeServed?.close();
      await smallServed.close();
    }
  }
  await dropTestTemplates();
  return { rows, figures: { sizes: { small, large }, seedSeconds, callsPerVariant: calls, variants, withTotal } };
}
