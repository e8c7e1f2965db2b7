// The whole state an authorization failure could change: every user's role, activity,
// password hash and sessions, read straight from the database, and the rule that says which
// differences a caller may cause. The rule restates the role hierarchy of SECURITY.md on its
// own (it does not ask core's permission table), so that a bug there shows here.
import type { PrismaClient } from "@gatehouse/infra";

export type Role = "user" | "admin" | "super_admin";

export interface UserState {
  role: string;
  isActive: boolean;
  passwordHash: string;
  /** Stored session ids (SHA-256 of the tokens), sorted. */
  sessions: string[];
}

export type World = Map<string, UserState>;

export async function snapshotWorld(prisma: PrismaClient): Promise<World> {
  const [users, sessions] = await Promise.all([
    prisma.user.findMany({ select: { id: true, role: true, isActive: true, passwordHash: true } }),
    prisma.session.findMany({ select: { id: true, userId: true } }),
  ]);
  const world: World = new Map();
  for (const { id, ...user } of users) world.set(id, { ...user, sessions: [] });
  for (const session of sessions) world.get(session.userId)?.sessions.push(session.id);
  for (const user of world.values()) user.sessions.sort();
  return world;
}

/** Who the server takes the caller for: a user and their role, or nobody (no live session). */
export interface Actor {
  id: string | null;
  role: Role | null;
}

/** Which roles each role manages: nobody manages a super admin, nor themselves. */
const MANAGED: Record<Role, readonly string[]> = { super_admin: ["admin", "user"], admin: ["user"], user: [] };
/** The roles of the users each kind of caller may bring into being (sign-up, or an admin's create). */
const MAY_CREATE: Record<Role | "anonymous", readonly string[]> = {
  anonymous: ["user"],
  user: [],
  admin: ["user"],
  super_admin: ["user", "admin"],
};

const manages = (actor: Actor, id: string, role: string) =>
  actor.role !== null && actor.id !== id && MANAGED[actor.role].includes(role);

/** Every difference between `before` and `after` that `actor` was not allowed to cause; [] when none. */
export function forbiddenChanges(actor: Actor, before: World, after: World): string[] {
  const found: string[] = [];
  const anonymous = actor.role === null;
  for (const id of before.keys()) if (!after.has(id)) found.push(`user ${id} was deleted`);
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) {
      if (!MAY_CREATE[actor.role ?? "anonymous"].includes(now.role))
        found.push(`a ${now.role} ${id} was created by ${actor.role ?? "anonymous"}`);
      if (!now.isActive) found.push(`new user ${id} is inactive`);
      if (now.sessions.length > 0 && !anonymous) found.push(`new user ${id} got a session from a logged-in caller`);
      continue;
    }
    const managed = manages(actor, id, was.role);
    if (now.role !== was.role) {
      const between = ["user", "admin"].includes(was.role) && ["user", "admin"].includes(now.role);
      if (!(actor.role === "super_admin" && managed && between))
        found.push(`${id}: role ${was.role} → ${now.role} by ${actor.role ?? "anonymous"}`);
    }
    if (now.isActive !== was.isActive && !managed)
      found.push(`${id}: isActive ${was.isActive} → ${now.isActive} by ${actor.role ?? "anonymous"}`);
    if (now.passwordHash !== was.passwordHash && !managed && actor.id !== id)
      found.push(`${id}: password changed by ${actor.role ?? "anonymous"}`);
    const ended = was.sessions.filter((s) => !now.sessions.includes(s));
    if (ended.length > 0 && !managed && actor.id !== id)
      found.push(`${id}: ${ended.length} session(s) ended by ${actor.role ?? "anonymous"}`);
    const started = now.sessions.filter((s) => !was.sessions.includes(s));
    if (started.length > 0 && (!anonymous || !now.isActive))
      found.push(`${id}: ${started.length} session(s) started by ${actor.role ?? "anonymous"}`);
  }
  return found;
}
