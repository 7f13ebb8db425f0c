import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { isRole } from '../auth/roles';
import type { SessionUser } from '../auth/roles';

// Users, sessions and sign-in attempts. Sessions live in the database so that any server process
// can serve any request; the cookie holds an opaque random token whose SHA-256 is the row's key.

export interface UserRecord extends SessionUser {
  passwordHash: string;
  disabled: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function toSessionUser(row: { id: number; email: string; display_name: string; role: string; ministry_code: string | null }): SessionUser {
  if (!isRole(row.role)) throw new Error(`Unknown role in the database: ${row.role}`);
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role, ministry: row.ministry_code };
}

function userQuery(db: Kysely<Database>) {
  return db
    .selectFrom('users as u')
    .leftJoin('ministries as mi', 'mi.id', 'u.ministry_id')
    .select(['u.id', 'u.email', 'u.display_name', 'u.role', 'mi.code as ministry_code', 'u.password_hash', 'u.disabled_at']);
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRecord | null> {
  const row = await userQuery(db).where('u.email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!row) return null;
  return { ...toSessionUser(row), passwordHash: row.password_hash, disabled: row.disabled_at !== null };
}

export interface NewUser {
  email: string;
  displayName: string;
  role: SessionUser['role'];
  ministry: string | null;
  passwordHash: string;
}

export async function createUser(db: Kysely<Database>, user: NewUser, now: Date): Promise<number> {
  let ministryId: number | null = null;
  if (user.ministry) {
    const row = await db.selectFrom('ministries').select('id').where('code', '=', user.ministry).executeTakeFirst();
    if (!row) throw new Error(`Unknown ministry code: ${user.ministry}`);
    ministryId = row.id;
  }
  const inserted = await db
    .insertInto('users')
    .values({
      email: user.email.trim().toLowerCase(),
      display_name: user.displayName,
      role: user.role,
      ministry_id: ministryId,
      password_hash: user.passwordHash,
      created_at: now.toISOString(),
      disabled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export async function createSession(
  db: Kysely<Database>,
  userId: number,
  now: Date,
  policy: SessionPolicy,
  client: { ip: string | null; userAgent: string | null },
): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + policy.absoluteHours * 3_600_000).toISOString(),
      revoked_at: null,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

/**
 * The user of a live session, touching its last-seen time; null when the token is unknown,
 * revoked, past its absolute expiry or idle for longer than the policy allows.
 */
export async function resolveSession(db: Kysely<Database>, token: string, now: Date, policy: SessionPolicy): Promise<SessionUser | null> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('ministries as mi', 'mi.id', 'u.ministry_id')
    .select(['u.id', 'u.email', 'u.display_name', 'u.role', 'mi.code as ministry_code', 'u.disabled_at', 's.last_seen_at', 's.expires_at', 's.revoked_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null) return null;
  const nowIso = now.toISOString();
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
  if (row.expires_at <= nowIso || row.last_seen_at < idleLimit) return null;
  // Touch at most once a minute: a dashboard firing six requests must not write six times.
  if (Date.parse(row.last_seen_at) < now.getTime() - 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: nowIso }).where('token_hash', '=', tokenHash).execute();
  }
  return toSessionUser(row);
}

export async function revokeSession(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).execute();
}

/** Revokes every live session of a user (an admin action); returns how many. */
export async function revokeUserSessions(db: Kysely<Database>, userId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function recordLoginAttempt(db: Kysely<Database>, email: string, ip: string, success: boolean, now: Date): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ email: email.trim().toLowerCase(), ip, attempted_at: now.toISOString(), success: success ? 1 : 0 })
    .execute();
}

/** Failed sign-ins in the window, per account and per address. */
export async function recentFailures(db: Kysely<Database>, email: string, ip: string, since: Date): Promise<{ byEmail: number; byIp: number }> {
  const sinceIso = since.toISOString();
  const [byEmail, byIp] = await Promise.all([
    db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', email.trim().toLowerCase())
      .where('success', '=', 0)
      .where('attempted_at', '>=', sinceIso)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('success', '=', 0)
      .where('attempted_at', '>=', sinceIso)
      .executeTakeFirstOrThrow(),
  ]);
  return { byEmail: Number(byEmail.n), byIp: Number(byIp.n) };
}
