import type { SessionUser } from '../../common/roles';
import type { AppDeps } from '../app-env';
import { DEFAULT_LOGIN_THROTTLE, throttleDecision } from '../auth/login-throttle';
import { UNUSABLE_HASH, verifyPassword } from '../auth/password';
import { ApiError, RetryLaterError } from '../errors';
import {
  createSession,
  findUserByEmail,
  forgetLoginAttempt,
  markLoginAttemptSucceeded,
  recentFailures,
  recordLoginAttempt,
  revokeSession,
} from '../repositories/auth-repository';

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
export async function signIn(deps: SessionDeps, input: SignInInput): Promise<SignedIn> {
  const { email, ip } = input;
  const throttle = deps.auth.throttle ?? DEFAULT_LOGIN_THROTTLE;
  const now = deps.now();
  const attemptId = await recordLoginAttempt(deps.db, email, ip, false, now);
  const windowStart = new Date(now.getTime() - throttle.windowMinutes * 60_000);
  const decision = throttleDecision(await recentFailures(deps.db, email, ip, windowStart, attemptId), throttle);
  if (decision.kind === 'refuse') {
    await forgetLoginAttempt(deps.db, attemptId);
    throw new RetryLaterError('too_many_attempts', 'Too many failed sign-ins; try again later', decision.retryAfterSeconds);
  }
  if (decision.delayMs > 0) await sleep(decision.delayMs);

  const user = await findUserByEmail(deps.db, email);
  // Verify even for an unknown account, so that the answer takes as long either way.
  const matches = await verifyPassword(input.password, user?.passwordHash ?? UNUSABLE_HASH);
  if (!matches || !user || user.disabled) throw new ApiError(401, 'invalid_credentials', 'Email or password is incorrect');
  await markLoginAttemptSucceeded(deps.db, attemptId);

  // A browser signing in again drops the session it had: one live session per sign-in.
  if (input.previousToken) await revokeSession(deps.db, input.previousToken, now);
  const token = await createSession(deps.db, user.id, now, deps.auth.session, { ip, userAgent: input.userAgent });
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, ministry: user.ministry },
    token,
    maxAgeSeconds: deps.auth.session.absoluteHours * 3600,
  };
}

/** Ends the session the token names, if it is one. */
export async function signOut(deps: SessionDeps, token: string | undefined): Promise<void> {
  if (token) await revokeSession(deps.db, token, deps.now());
}
