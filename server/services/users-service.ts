import { isBoundToMinistry } from '../../common/roles';
import type { SessionUser } from '../../common/roles';
import { isUniqueViolation } from '../../db/dialect';
import type { AppDeps } from '../app-env';
import { OWASP_SCRYPT, hashPassword, oneTimePassword } from '../auth/password';
import { ApiError, invalidParameter } from '../errors';
import { writeAudit } from '../repositories/audit-repository';
import {
  createUser,
  findMinistryId,
  findUserByEmail,
  findUserById,
  listUsers,
  revokeUserSessions,
  updateAccount,
} from '../repositories/auth-repository';
import type { AccountChange, UserSummary } from '../repositories/auth-repository';
import type {
  CreateUserBody,
  CreateUserResponse,
  RevokeSessionsResponse,
  UpdateUserBody,
  UserListItem,
  UserListResponse,
} from '../schemas/users';

// User management, for administrators (the route refuses everyone else), docs/product.md §4 and
// docs/decisions/025-users-in-the-browser.md. Every change writes its audit row in its own transaction.

type UsersDeps = Pick<AppDeps, 'db' | 'now' | 'auth'>;

function toItem(u: UserSummary): UserListItem {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    ministry: u.ministry,
    createdAt: u.createdAt,
    disabled: u.disabled,
    activeSessions: u.activeSessions,
    lastSignInAt: u.lastSignInAt,
    mustChangePassword: u.mustChangePassword,
  };
}

/** Every user with their role and how many sessions would let them in now. */
export async function userList(deps: UsersDeps): Promise<UserListResponse> {
  const users = await listUsers(deps.db, deps.now(), deps.auth.session);
  return { items: users.map(toItem) };
}

/** One user as the list shows them; 404 for an unknown id (where POST /users's Location points). */
export async function userDetail(deps: UsersDeps, id: number): Promise<UserListItem> {
  return oneUser(deps, id);
}

async function oneUser(deps: UsersDeps, id: number): Promise<UserListItem> {
  const [user] = await listUsers(deps.db, deps.now(), deps.auth.session, id);
  if (!user) throw new ApiError(404, 'not_found', `No user with id ${id}`);
  return toItem(user);
}

export interface AdminRequest {
  /** The administrator who asks. */
  actor: SessionUser;
  requestId: string;
}

function emailTaken(email: string): ApiError {
  return new ApiError(409, 'email_taken', `A user with email ${email} already exists`, [
    { path: ['email'], message: 'is taken by another user' },
  ]);
}

/**
 * Creates a user with a one-time password, answered once and never stored in clear, logged or
 * audited; the user must change it at first sign-in. 409 email_taken when the email (compared
 * lower-cased, as user:create does) is in use.
 */
export async function createUserAccount(
  deps: UsersDeps,
  request: AdminRequest,
  body: CreateUserBody,
): Promise<CreateUserResponse> {
  const ministry = body.ministry ?? null;
  if (ministry !== null && (await findMinistryId(deps.db, ministry)) === null)
    throw invalidParameter('ministry', `unknown ministry "${ministry}"`);
  // Checked before the (deliberately slow) hash, so that a taken email is answered at once.
  if (await findUserByEmail(deps.db, body.email)) throw emailTaken(body.email);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password, deps.auth.passwordHashing ?? OWASP_SCRYPT);
  const now = deps.now();
  let id: number;
  try {
    id = await deps.db.transaction().execute(async (trx) => {
      const created = await createUser(
        trx,
        { email: body.email, displayName: body.displayName, role: body.role, ministry, passwordHash, mustChangePassword: true },
        now,
      );
      await writeAudit(trx, {
        actor: request.actor,
        action: 'user.create',
        entityType: 'user',
        entityCode: body.email,
        before: null,
        // Never the password, not even its hash.
        after: { email: body.email, displayName: body.displayName, role: body.role, ministry, mustChangePassword: true },
        requestId: request.requestId,
        now,
      });
      return created;
    });
  } catch (error) {
    // Another administrator created the same email meanwhile.
    if (isUniqueViolation(error)) throw emailTaken(body.email);
    throw error;
  }
  return { user: await oneUser(deps, id), oneTimePassword: password };
}

interface AccountState {
  role: SessionUser['role'];
  ministry: string | null;
  displayName: string;
  disabled: boolean;
}

/**
 * Changes a user's role, ministry, name or whether they may sign in. The result must hold the rule of
 * user:create (a ministry for a ministry lead, none for anyone else; a role change away from lead
 * drops the ministry); an administrator may neither disable nor demote themselves (409), so that
 * there is always an administrator left. Disabling ends every session of the user.
 */
export async function updateUserAccount(
  deps: UsersDeps,
  request: AdminRequest,
  userId: number,
  body: UpdateUserBody,
): Promise<UserListItem> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const target = await findUserById(trx, userId);
    if (!target) throw new ApiError(404, 'not_found', `No user with id ${userId}`);
    const before: AccountState = {
      role: target.role,
      ministry: target.ministry,
      displayName: target.displayName,
      disabled: target.disabled,
    };
    const role = body.role ?? before.role;
    const ministry =
      body.ministry !== undefined
        ? body.ministry
        : isBoundToMinistry(role) && isBoundToMinistry(before.role)
          ? before.ministry
          : null;
    if (isBoundToMinistry(role) && ministry === null) throw invalidParameter('ministry', 'is required for a ministry_lead');
    if (!isBoundToMinistry(role) && ministry !== null)
      throw invalidParameter('ministry', `applies only to a ministry_lead, not to ${role}`);
    const after: AccountState = {
      role,
      ministry,
      displayName: body.displayName ?? before.displayName,
      disabled: body.disabled ?? before.disabled,
    };
    if (target.id === request.actor.id) {
      if (after.disabled) throw new ApiError(409, 'cannot_disable_self', 'An administrator may not disable their own account');
      if (after.role !== 'admin') throw new ApiError(409, 'cannot_demote_self', 'An administrator may not change their own role');
    }
    const change: AccountChange = {};
    if (after.role !== before.role) change.role = after.role;
    if (after.ministry !== before.ministry) {
      change.ministryId = after.ministry === null ? null : await findMinistryId(trx, after.ministry);
      if (change.ministryId === null && after.ministry !== null)
        throw invalidParameter('ministry', `unknown ministry "${after.ministry}"`);
    }
    if (after.displayName !== before.displayName) change.displayName = after.displayName;
    if (after.disabled !== before.disabled) change.disabledAt = after.disabled ? now.toISOString() : null;
    await updateAccount(trx, userId, change);
    // A disabled user is signed out everywhere at once, not at their next request only.
    const revokedSessions = after.disabled && !before.disabled ? await revokeUserSessions(trx, userId, now) : 0;
    await writeAudit(trx, {
      actor: request.actor,
      action: 'user.update',
      entityType: 'user',
      entityCode: target.email,
      before,
      after: revokedSessions > 0 ? { ...after, revokedSessions } : after,
      requestId: request.requestId,
      now,
    });
  });
  return oneUser(deps, userId);
}

export interface RevokeSessionsInput extends AdminRequest {
  userId: number;
}

/** Ends every session of a user (signs them out everywhere); 404 for an unknown user. */
export async function revokeSessions(deps: UsersDeps, input: RevokeSessionsInput): Promise<RevokeSessionsResponse> {
  const { actor, userId, requestId } = input;
  const now = deps.now();
  // The revocation and its audit row commit together or not at all.
  const revoked = await deps.db.transaction().execute(async (trx) => {
    const target = await findUserById(trx, userId);
    if (!target) throw new ApiError(404, 'not_found', `No user with id ${userId}`);
    const n = await revokeUserSessions(trx, userId, now);
    await writeAudit(trx, {
      actor,
      action: 'user.revoke_sessions',
      entityType: 'user',
      entityCode: target.email,
      before: null,
      after: { revokedSessions: n },
      requestId,
      now,
    });
    return n;
  });
  return { revoked };
}
