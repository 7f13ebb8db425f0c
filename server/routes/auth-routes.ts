import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { UNUSABLE_HASH, verifyPassword } from '../auth/password';
import { SESSION_COOKIE, isHttps } from '../auth/session-middleware';
import type { AppDeps, AppEnv } from '../app-env';
import { ApiError } from '../errors';
import { createSession, findUserByEmail, recentFailures, recordLoginAttempt, revokeSession } from '../repositories/auth-repository';
import { loginBody } from '../schemas/auth';
import type { MeResponse } from '../schemas/auth';
import { validate } from '../validation';

/** Failed sign-ins counted over this window, per account and per address. */
export const THROTTLE_WINDOW_MINUTES = 15;
/** From this many failures on, each attempt is slowed down a little more. */
export const SLOW_AFTER_FAILURES = 3;
/** From this many failures on an account, sign-in is refused with 429 until the window passes. */
export const LOCK_AFTER_ACCOUNT_FAILURES = 10;
/** An address trying many accounts is refused too. */
export const LOCK_AFTER_IP_FAILURES = 30;

function clientIp(c: Context): string {
  // Only the socket address is trusted by default; a proxy's X-Forwarded-For could be forged.
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

export function authRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/login', validate('json', loginBody), async (c) => {
      const { email, password } = c.req.valid('json');
      const ip = clientIp(c);
      const now = deps.now();
      const failures = await recentFailures(deps.db, email, ip, new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000));
      if (failures.byEmail >= LOCK_AFTER_ACCOUNT_FAILURES || failures.byIp >= LOCK_AFTER_IP_FAILURES) {
        c.header('Retry-After', String(THROTTLE_WINDOW_MINUTES * 60));
        throw new ApiError(429, 'too_many_attempts', 'Too many failed sign-ins; try again later');
      }
      const worst = Math.max(failures.byEmail, failures.byIp);
      if (worst >= SLOW_AFTER_FAILURES) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 250 * (worst - SLOW_AFTER_FAILURES + 1))));
      }
      const user = await findUserByEmail(deps.db, email);
      // Verify even for an unknown account, so the answer takes as long either way.
      const ok = (await verifyPassword(password, user?.passwordHash ?? UNUSABLE_HASH)) && user !== null && !user.disabled;
      await recordLoginAttempt(deps.db, email, ip, ok, now);
      if (!ok || !user) throw new ApiError(401, 'invalid_credentials', 'Email or password is incorrect');

      const token = await createSession(deps.db, user.id, now, deps.auth.session, { ip, userAgent: c.req.header('user-agent') ?? null });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c),
        path: '/',
        maxAge: deps.auth.session.absoluteHours * 3600,
      });
      const body: MeResponse = { user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, ministry: user.ministry } };
      return c.json(body, 200);
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await revokeSession(deps.db, token, deps.now());
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
      return c.body(null, 204);
    })
    .get('/me', (c) => {
      const body: MeResponse = { user: c.get('user') };
      return c.json(body, 200);
    });
}
