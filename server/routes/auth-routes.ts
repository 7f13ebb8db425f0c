import { Hono } from 'hono';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../app-env';
import { SESSION_COOKIE, clearSessionCookie, isHttps } from '../auth/session-middleware';
import { rightGuard } from '../auth/guards';
import { requireUser } from '../errors';
import { changePasswordBody, loginBody } from '../schemas/auth';
import type { MeResponse } from '../schemas/auth';
import { changePassword, signIn, signOut } from '../services/session-service';
import { validate } from '../validation';
import { writeBodyLimit } from './write-body-limit';

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

export function authRoutes(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      .use('*', async (c, next) => {
        await next();
        // Who is signed in is personal: no shared cache may keep it.
        c.header('Cache-Control', 'no-store');
      })
      .post('/login', validate('json', loginBody), async (c) => {
        const { user, mustChangePassword, token, maxAgeSeconds } = await signIn(deps, {
          ...c.req.valid('json'),
          ip: clientIp(c, deps.auth.trustProxy ?? false),
          userAgent: c.req.header('user-agent') ?? null,
          previousToken: getCookie(c, SESSION_COOKIE),
        });
        setCookie(c, SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: isHttps(c),
          path: '/',
          maxAge: maxAgeSeconds,
        });
        c.set('user', user);
        const body: MeResponse = { user, mustChangePassword };
        return c.json(body, 200);
      })
      .post('/logout', async (c) => {
        await signOut(deps, getCookie(c, SESSION_COOKIE));
        clearSessionCookie(c);
        c.set('user', null);
        return c.body(null, 204);
      })
      .get('/me', (c) => {
        const user = c.get('user');
        const body: MeResponse = { user, mustChangePassword: user !== null && c.get('mustChangePassword') };
        return c.json(body, 200);
      })
      // The user's own password (decision 025); throttled like sign-in, other sessions end.
      .post(
        '/password',
        rightGuard(() => true, ''),
        writeBodyLimit(),
        validate('json', changePasswordBody),
        async (c) => {
          const user = requireUser(c.get('user'));
          await changePassword(deps, {
            ...c.req.valid('json'),
            user,
            // A signed-in request came with the cookie.
            token: getCookie(c, SESSION_COOKIE) ?? '',
            ip: clientIp(c, deps.auth.trustProxy ?? false),
            requestId: c.get('requestId'),
          });
          return c.body(null, 204);
        },
      )
  );
}
