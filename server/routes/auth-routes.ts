import { Hono } from 'hono';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { DEFAULT_LOGIN_THROTTLE, throttleDecision } from '../auth/login-throttle';
import { UNUSABLE_HASH, verifyPassword } from '../auth/password';
import { SESSION_COOKIE, clearSessionCookie, isHttps } from '../auth/session-middleware';
import type { AppDeps, AppEnv } from '../app-env';
import { ApiError } from '../errors';
import {
  createSession,
  findUserByEmail,
  forgetLoginAttempt,
  markLoginAttemptSucceeded,
  recentFailures,
  recordLoginAttempt,
  revokeSession,
} from '../repositories/auth-repository';
import { loginBody } from '../schemas/auth';
import type { MeResponse } from '../schemas/auth';
import { validate } from '../validation';

export {
  LOCK_AFTER_ACCOUNT_FAILURES,
  LOCK_AFTER_IP_FAILURES,
  SLOW_AFTER_FAILURES,
  SLOW_AFTER_IP_FAILURES,
  THROTTLE_WINDOW_MINUTES,
} from '../auth/login-throttle';

/**
 * The address failed sign-ins are counted against. Only the socket address is trusted unless the
 * operator says a proxy is in front (TRUST_PROXY): then the last X-Forwarded-For entry, the one that
 * proxy appended; earlier entries come from the client and could be forged. Requests without a
 * socket (app.request in tests) all count as 'unknown', one address.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const last = forwarded?.[forwarded.length - 1];
    if (last) return last.slice(0, 100);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function authRoutes(deps: AppDeps) {
  const throttle = deps.auth.throttle ?? DEFAULT_LOGIN_THROTTLE;
  return new Hono<AppEnv>()
    .use('*', async (c, next) => {
      await next();
      // Who is signed in is personal: no shared cache may keep it.
      c.header('Cache-Control', 'no-store');
    })
    .post('/login', validate('json', loginBody), async (c) => {
      const { email, password } = c.req.valid('json');
      const ip = clientIp(c, deps.auth.trustProxy ?? false);
      const now = deps.now();
      const attemptId = await recordLoginAttempt(deps.db, email, ip, false, now);
      const failures = await recentFailures(
        deps.db,
        email,
        ip,
        new Date(now.getTime() - throttle.windowMinutes * 60_000),
        attemptId,
      );
      const decision = throttleDecision(failures, throttle);
      if (decision.kind === 'refuse') {
        await forgetLoginAttempt(deps.db, attemptId);
        // Set on the context, the header survives into the error response app.onError renders.
        c.header('Retry-After', String(decision.retryAfterSeconds));
        throw new ApiError(429, 'too_many_attempts', 'Too many failed sign-ins; try again later');
      }
      if (decision.delayMs > 0) await sleep(decision.delayMs);

      const user = await findUserByEmail(deps.db, email);
      // Verify even for an unknown account, so that the answer takes as long either way.
      const matches = await verifyPassword(password, user?.passwordHash ?? UNUSABLE_HASH);
      if (!matches || !user || user.disabled) throw new ApiError(401, 'invalid_credentials', 'Email or password is incorrect');
      await markLoginAttemptSucceeded(deps.db, attemptId);

      // A browser signing in again drops the session it had: one live session per sign-in.
      const previous = getCookie(c, SESSION_COOKIE);
      if (previous) await revokeSession(deps.db, previous, now);
      const token = await createSession(deps.db, user.id, now, deps.auth.session, {
        ip,
        userAgent: c.req.header('user-agent') ?? null,
      });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c),
        path: '/',
        // The browser drops the cookie when the session's absolute lifetime ends; idle expiry is the server's.
        maxAge: deps.auth.session.absoluteHours * 3600,
      });
      c.set('user', { id: user.id, email: user.email, displayName: user.displayName, role: user.role, ministry: user.ministry });
      const body: MeResponse = {
        user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, ministry: user.ministry },
      };
      return c.json(body, 200);
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await revokeSession(deps.db, token, deps.now());
      clearSessionCookie(c);
      c.set('user', null);
      return c.body(null, 204);
    })
    .get('/me', (c) => {
      const body: MeResponse = { user: c.get('user') };
      return c.json(body, 200);
    });
}
