import type { SessionUser } from '../../common/roles';
import type { AppDeps } from '../app-env';
import { ApiError } from '../errors';
import { writeAudit } from '../repositories/audit-repository';
import { findUserById, listUsers, revokeUserSessions } from '../repositories/auth-repository';
import type { RevokeSessionsResponse, UserListResponse } from '../schemas/users';

// User management, for administrators (the route refuses everyone else).

type UsersDeps = Pick<AppDeps, 'db' | 'now' | 'auth'>;

/** Every user with their role and how many sessions would let them in now. */
export async function userList(deps: UsersDeps): Promise<UserListResponse> {
  const users = await listUsers(deps.db, deps.now(), deps.auth.session);
  return {
    items: users.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      ministry: u.ministry,
      createdAt: u.createdAt,
      disabled: u.disabled,
      activeSessions: u.activeSessions,
    })),
  };
}

export interface RevokeSessionsInput {
  /** The administrator who asks. */
  actor: SessionUser;
  userId: number;
  requestId: string;
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
