import type { SessionUser } from '../../common/roles';
import type { AppDeps } from '../app-env';
import { DEFAULT_LOGIN_THROTTLE, throttleDecision } from '../auth/login-throttle';
import { OWASP_SCRYPT, UNUSABLE_HASH, hashPassword, verifyPassword } from '../auth/password';
import { ApiError, RetryLaterError } from '../errors';
import { writeAudit } from '../repositories/audit-repository';
import {
  createSession,
  findUserByEmail,
  findUserById,
  forgetLoginAttempt,
  markLoginAttemptSucceeded,
  recentFailures,
  recordLoginAttempt,
  recordSignIn,
  revokeOtherSessions,
  revokeSession,
  setPasswordHash,
} from '../repositories/auth-repository';
import { MAX_PASSWORD_LENGTH, passwordProblem } from '../../common/password-rule';

// Signing in and out. Sessions live in the database (server/repositories/auth-repository.ts); the
// route carries the token in a cookie and tells this module the caller's address and browser.

type SessionDeps = Pick<AppDeps, 'db' | 'now' | 'auth'>;

export interface SignInInput {
  email: string;
  password: string;
  /** The address failed sign-ins are counted against. */
  ip: string;
  userAgent: string | null;
  /** The session token the browser still holds, if any: signing in again ends that session. */
  previousToken: string | undefined;
}

export interface SignedIn {
  user: SessionUser;
  /** Signed in with a one-time password: to be changed before anything else (decision 025). */
  mustChangePassword: boolean;
  /** The new session's token, for the cookie. */
  token: string;
  /** How long the browser keeps the token: the session's absolute lifetime (idle expiry is the server's). */
  maxAgeSeconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks the password and opens a session. Every attempt is counted first, so that a flood of
 * guesses is slowed down and then refused (429) per account and per address, whether or not the
 * account exists.
 */
/**
 * Counts a password attempt against the account and the address before the password is checked, and
 * refuses (429) or slows it as the sign-in throttle says; returns the attempt's id, to mark it good.
 * Sign-in and a password change share it, so that a stolen session cannot guess the password faster.
 */
async function throttledAttempt(deps: SessionDeps, email: string, ip: string, now: Date, refusal: string): Promise<number> {
  const throttle = deps.auth.throttle ?? DEFAULT_LOGIN_THROTTLE;
  const attemptId = await recordLoginAttempt(deps.db, email, ip, false, now);
  const windowStart = new Date(now.getTime() - throttle.windowMinutes * 60_000);
  const decision = throttleDecision(await recentFailures(deps.db, email, ip, windowStart, attemptId), throttle);
  if (decision.kind === 'refuse') {
    await forgetLoginAttempt(deps.db, attemptId);
    throw new RetryLaterError('too_many_attempts', refusal, decision.retryAfterSeconds);
  }
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  return attemptId;
}

export async function signIn(deps: SessionDeps, input: SignInInput): Promise<SignedIn> {
  const { email, ip } = input;
  const now = deps.now();
  const attemptId = await throttledAttempt(deps, email, ip, now, 'Too many failed sign-ins; try again later');

  const user = await findUserByEmail(deps.db, email);
  // Verify even for an unknown account, so that the answer takes as long either way.
  const matches = await verifyPassword(input.password, user?.passwordHash ?? UNUSABLE_HASH);
  if (!matches || !user || user.disabled) throw new ApiError(401, 'invalid_credentials', 'Email or password is incorrect');
  await markLoginAttemptSucceeded(deps.db, attemptId);

  // A browser signing in again drops the session it had: one live session per sign-in.
  if (input.previousToken) await revokeSession(deps.db, input.previousToken, now);
  const token = await createSession(deps.db, user.id, now, deps.auth.session, { ip, userAgent: input.userAgent });
  await recordSignIn(deps.db, user.id, now);
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, ministry: user.ministry },
    mustChangePassword: user.mustChangePassword,
    token,
    maxAgeSeconds: deps.auth.session.absoluteHours * 3600,
  };
}

/** Ends the session the token names, if it is one. */
export async function signOut(deps: SessionDeps, token: string | undefined): Promise<void> {
  if (token) await revokeSession(deps.db, token, deps.now());
}

export interface ChangePasswordInput {
  user: SessionUser;
  /** The session changing it: it stays, every other session of the user ends. */
  token: string;
  currentPassword: string;
  newPassword: string;
  ip: string;
  requestId: string;
}

function badNewPassword(message: string): ApiError {
  return new ApiError(400, 'weak_password', `newPassword: ${message}`, [{ path: ['newPassword'], message }]);
}

/**
 * Changes the signed-in user's own password (decision 025): the new one must meet the rule of
 * user:create (common/password-rule.ts) and differ from the current one; the current one is checked
 * under the sign-in throttle. Clears must_change_password, ends the user's other sessions, and
 * audits `user.change_password` with no secret in the row.
 */
export async function changePassword(deps: SessionDeps, input: ChangePasswordInput): Promise<void> {
  const problem = passwordProblem(input.newPassword);
  if (problem?.kind === 'empty') throw badNewPassword('must not be empty');
  if (problem?.kind === 'too_short') throw badNewPassword(`must have at least ${problem.min} characters (got ${problem.length})`);
  if (problem?.kind === 'too_long') throw badNewPassword(`must have at most ${MAX_PASSWORD_LENGTH} characters`);
  // Compared as the hash compares them (NFKC), so that "the same" means what verifyPassword would say.
  if (input.newPassword.normalize('NFKC') === input.currentPassword.normalize('NFKC'))
    throw new ApiError(400, 'same_password', 'newPassword: must differ from the current password', [
      { path: ['newPassword'], message: 'must differ from the current password' },
    ]);

  const now = deps.now();
  const attemptId = await throttledAttempt(deps, input.user.email, input.ip, now, 'Too many wrong passwords; try again later');
  const stored = await findUserById(deps.db, input.user.id);
  const matches = await verifyPassword(input.currentPassword, stored?.passwordHash ?? UNUSABLE_HASH);
  if (!matches || !stored)
    throw new ApiError(400, 'wrong_password', 'currentPassword: is not your current password', [
      { path: ['currentPassword'], message: 'is not your current password' },
    ]);
  await markLoginAttemptSucceeded(deps.db, attemptId);

  const passwordHash = await hashPassword(input.newPassword, deps.auth.passwordHashing ?? OWASP_SCRYPT);
  await deps.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, stored.id, passwordHash);
    const revokedSessions = await revokeOtherSessions(trx, stored.id, input.token, now);
    await writeAudit(trx, {
      actor: input.user,
      action: 'user.change_password',
      entityType: 'user',
      entityCode: stored.email,
      // What changed about the account, never a password or a hash.
      before: { mustChangePassword: stored.mustChangePassword },
      after: { mustChangePassword: false, revokedSessions },
      requestId: input.requestId,
      now,
    });
  });
}
