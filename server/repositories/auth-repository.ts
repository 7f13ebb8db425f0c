import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { isRole } from '../../common/roles';
import type { SessionUser } from '../../common/roles';

// Users, sessions and sign-in attempts. Sessions live in the database so that any server process
// can serve any request; the cookie holds an opaque random token whose SHA-256 is the row's key.

export interface UserRecord extends SessionUser {
  passwordHash: string;
  disabled: boolean;
  /** Holds a one-time password that must be changed before anything else (decision 025). */
  mustChangePassword: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function toSessionUser(row: {
  id: number;
  email: string;
  display_name: string;
  role: string;
  ministry_code: string | null;
}): SessionUser {
  if (!isRole(row.role)) throw new Error(`Unknown role in the database: ${row.role}`);
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role, ministry: row.ministry_code };
}

function userQuery(db: Kysely<Database>) {
  return db
    .selectFrom('users as u')
    .leftJoin('ministries as mi', 'mi.id', 'u.ministry_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'mi.code as ministry_code',
      'u.password_hash',
      'u.disabled_at',
      'u.must_change_password',
    ]);
}

function toUserRecord(row: {
  id: number;
  email: string;
  display_name: string;
  role: string;
  ministry_code: string | null;
  password_hash: string;
  disabled_at: string | null;
  must_change_password: number;
}): UserRecord {
  return {
    ...toSessionUser(row),
    passwordHash: row.password_hash,
    disabled: row.disabled_at !== null,
    mustChangePassword: Number(row.must_change_password) === 1,
  };
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRecord | null> {
  const row = await userQuery(db).where('u.email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? toUserRecord(row) : null;
}

export interface NewUser {
  email: string;
  displayName: string;
  role: SessionUser['role'];
  ministry: string | null;
  passwordHash: string;
  /** A one-time password set by an administrator: to be changed at first sign-in (decision 025). */
  mustChangePassword?: boolean;
}

/** The id of a ministry code; null when there is no such ministry. */
export async function findMinistryId(db: Kysely<Database>, code: string): Promise<number | null> {
  const row = await db.selectFrom('ministries').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}

export async function createUser(db: Kysely<Database>, user: NewUser, now: Date): Promise<number> {
  let ministryId: number | null = null;
  if (user.ministry) {
    ministryId = await findMinistryId(db, user.ministry);
    if (ministryId === null) throw new Error(`Unknown ministry code: ${user.ministry}`);
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
      must_change_password: user.mustChangePassword ? 1 : 0,
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

export interface ResolvedSession {
  user: SessionUser;
  /** The user must change a one-time password before doing anything else (decision 025). */
  mustChangePassword: boolean;
}

/**
 * The user of a live session, touching its last-seen time; null when the token is unknown,
 * revoked, past its absolute expiry or idle for longer than the policy allows.
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('ministries as mi', 'mi.id', 'u.ministry_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'mi.code as ministry_code',
      'u.disabled_at',
      'u.must_change_password',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
    ])
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
  return { user: toSessionUser(row), mustChangePassword: Number(row.must_change_password) === 1 };
}

export async function revokeSession(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Revokes every session of a user that has not ended yet (an admin action); returns how many.
 * Sessions past their absolute expiry are left alone: they are dead already and not worth counting.
 */
export async function revokeUserSessions(db: Kysely<Database>, userId: number, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: nowIso })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Like revokeUserSessions, but keeps the session of `keepToken` (the one changing its password). */
export async function revokeOtherSessions(db: Kysely<Database>, userId: number, keepToken: string, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: nowIso })
    .where('user_id', '=', userId)
    .where('token_hash', '<>', hashToken(keepToken))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Notes a successful sign-in, for the admin's user list. */
export async function recordSignIn(db: Kysely<Database>, userId: number, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: now.toISOString() }).where('id', '=', userId).execute();
}

export interface AccountChange {
  role?: SessionUser['role'];
  /** The ministry's id; null unbinds (any role but a ministry lead). */
  ministryId?: number | null;
  displayName?: string;
  /** An instant disables, null re-enables. */
  disabledAt?: string | null;
}

/** Applies an administrator's change to a user's account (the service has checked it). */
export async function updateAccount(db: Kysely<Database>, userId: number, change: AccountChange): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(change.role === undefined ? {} : { role: change.role }),
      ...(change.ministryId === undefined ? {} : { ministry_id: change.ministryId }),
      ...(change.displayName === undefined ? {} : { display_name: change.displayName }),
      ...(change.disabledAt === undefined ? {} : { disabled_at: change.disabledAt }),
    })
    .where('id', '=', userId)
    .execute();
}

/** Replaces a user's password hash; the one-time password, if that was one, is then spent. */
export async function setPasswordHash(db: Kysely<Database>, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0 }).where('id', '=', userId).execute();
}

/**
 * Records a sign-in attempt as failed before the password is checked, and returns its id; the session service
 * marks it successful afterwards. Counting the attempt first means a burst of parallel guesses sees
 * itself: the k-th attempt of a burst counts the k−1 before it, so a burst cannot slip past the limit.
 */
export async function recordLoginAttempt(
  db: Kysely<Database>,
  email: string,
  ip: string,
  success: boolean,
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('login_attempts')
    .values({ email: email.trim().toLowerCase(), ip, attempted_at: now.toISOString(), success: success ? 1 : 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markLoginAttemptSucceeded(db: Kysely<Database>, attemptId: number): Promise<void> {
  await db.updateTable('login_attempts').set({ success: 1 }).where('id', '=', attemptId).execute();
}

/** Drops an attempt that was refused unchecked: retrying while locked out must not extend the lock. */
export async function forgetLoginAttempt(db: Kysely<Database>, attemptId: number): Promise<void> {
  await db.deleteFrom('login_attempts').where('id', '=', attemptId).execute();
}

/**
 * Failed sign-ins in the window, per account and per address, not counting `excludeAttemptId` (the
 * attempt being decided). An account's count restarts after its latest successful sign-in (OWASP:
 * reset on success), counted by id so that attempts at the same instant keep their order; an
 * address's count does not, or an attacker could reset it by signing in to an account of their own.
 */
export async function recentFailures(
  db: Kysely<Database>,
  email: string,
  ip: string,
  since: Date,
  excludeAttemptId = -1,
): Promise<{ byEmail: number; byIp: number }> {
  const sinceIso = since.toISOString();
  const normalized = email.trim().toLowerCase();
  const [byEmail, byIp] = await Promise.all([
    db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', normalized)
      .where('success', '=', 0)
      .where('attempted_at', '>=', sinceIso)
      .where('id', '<>', excludeAttemptId)
      .where((eb) =>
        eb(
          'id',
          '>',
          eb.fn.coalesce(
            eb
              .selectFrom('login_attempts as ok')
              .select((sub) => sub.fn.max('ok.id').as('last'))
              .where('ok.email', '=', normalized)
              .where('ok.success', '=', 1),
            eb.lit(0),
          ),
        ),
      )
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('success', '=', 0)
      .where('attempted_at', '>=', sinceIso)
      .where('id', '<>', excludeAttemptId)
      .executeTakeFirstOrThrow(),
  ]);
  return { byEmail: Number(byEmail.n), byIp: Number(byIp.n) };
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<UserRecord | null> {
  const row = await userQuery(db).where('u.id', '=', id).executeTakeFirst();
  return row ? toUserRecord(row) : null;
}

export interface UserSummary extends SessionUser {
  createdAt: string;
  disabled: boolean;
  lastSignInAt: string | null;
  mustChangePassword: boolean;
  /** Sessions that would let their holder in right now: not revoked, not expired, not idle too long. */
  activeSessions: number;
}

/** Every user (or only `onlyId`) with their live session count, for the admin's user list (ordered by email). */
export async function listUsers(db: Kysely<Database>, now: Date, policy: SessionPolicy, onlyId?: number): Promise<UserSummary[]> {
  const nowIso = now.toISOString();
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('ministries as mi', 'mi.id', 'u.ministry_id')
    .select((eb) => [
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'mi.code as ministry_code',
      'u.created_at',
      'u.disabled_at',
      'u.last_sign_in_at',
      'u.must_change_password',
      eb
        .selectFrom('sessions as s')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .whereRef('s.user_id', '=', 'u.id')
        .where('s.revoked_at', 'is', null)
        .where('s.expires_at', '>', nowIso)
        .where('s.last_seen_at', '>=', idleLimit)
        .as('active_sessions'),
    ])
    .$if(onlyId !== undefined, (qb) => qb.where('u.id', '=', onlyId ?? -1))
    .orderBy('u.email')
    .execute();
  return rows.map((row) => ({
    ...toSessionUser(row),
    createdAt: row.created_at,
    disabled: row.disabled_at !== null,
    lastSignInAt: row.last_sign_in_at,
    mustChangePassword: Number(row.must_change_password) === 1,
    activeSessions: Number(row.active_sessions ?? 0),
  }));
}
