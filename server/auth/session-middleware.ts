import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../app-env';
import { ApiError } from '../errors';
import { resolveSession } from '../repositories/auth-repository';

export const SESSION_COOKIE = 'mt_session';

/** Paths open without a session even under REQUIRE_LOGIN: signing in, and the load balancer's probe. */
const PUBLIC_API = new Set(['/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/auth/logout', '/api/v1/health']);

/** Loads the session's user (or null) into `c.var.user`; under REQUIRE_LOGIN refuses anonymous requests. */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await resolveSession(deps.db, token, deps.now(), deps.auth.session) : null;
    c.set('user', user);
    if (deps.auth.requireLogin && !user) {
      const path = c.req.path;
      if (path.startsWith('/api/')) {
        if (!PUBLIC_API.has(path)) throw new ApiError(401, 'unauthenticated', 'Sign in to use the API');
      } else if (path !== '/login' && !path.startsWith('/assets/') && c.req.method === 'GET') {
        return c.redirect(`/login?next=${encodeURIComponent(path + (new URL(c.req.url).search || ''))}`, 302);
      }
    }
    await next();
  };
}

/** True when the request reached us over HTTPS (directly or through a proxy that says so). */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/**
 * CSRF defence for cookie-authenticated writes: only JSON bodies (a cross-site form cannot send
 * one without a CORS preflight) and no foreign Origin.
 */
export function writeGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      const origin = c.req.header('origin');
      if (origin && origin !== new URL(c.req.url).origin) {
        const forwardedHost = c.req.header('x-forwarded-host') ?? c.req.header('host');
        const originHost = URL.canParse(origin) ? new URL(origin).host : '';
        if (originHost !== forwardedHost) throw new ApiError(403, 'forbidden_origin', 'Cross-site requests are not accepted');
      }
      const type = c.req.header('content-type') ?? '';
      const hasBody = c.req.header('content-length') !== '0' && (c.req.header('content-length') !== undefined || c.req.header('transfer-encoding') !== undefined);
      if (hasBody && !/^application\/json\b/i.test(type)) {
        throw new ApiError(415, 'unsupported_media_type', 'Request bodies must be application/json');
      }
    }
    await next();
  };
}
