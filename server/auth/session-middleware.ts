import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../app-env';
import { ApiError } from '../errors';
import { resolveSession } from '../repositories/auth-repository';

export const SESSION_COOKIE = 'mt_session';

/** Paths open without a session even under REQUIRE_LOGIN: signing in, and the load balancer's probe. */
const PUBLIC_API = new Set(['/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/auth/logout', '/api/v1/health']);

const METRICS_PATH = '/api/v1/metrics';

/**
 * What a user who must change a one-time password may still reach (decision 025): the auth routes
 * (changing it, signing out, who am I), the health probe, and the labels every page shows (GET /meta).
 * Everything else, reads included, waits until the password is their own.
 */
const OPEN_BEFORE_PASSWORD_CHANGE = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/me',
  '/api/v1/auth/logout',
  '/api/v1/auth/password',
  '/api/v1/health',
]);
const READABLE_BEFORE_PASSWORD_CHANGE = new Set(['/api/v1/meta']);

const SETS_OWN_COOKIE = new Set(['/api/v1/auth/login', '/api/v1/auth/logout']);

/** The built client's files: public even under REQUIRE_LOGIN (the sign-in page needs them), and no session lookup. */
function isAsset(path: string): boolean {
  return path.startsWith('/assets/');
}

/** Loads the session's user (or null) into `c.var.user`; under REQUIRE_LOGIN refuses anonymous requests. */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (isAsset(path)) {
      c.set('user', null);
      c.set('mustChangePassword', false);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await resolveSession(deps.db, token, deps.now(), deps.auth.session) : null;
    const user = session?.user ?? null;
    c.set('user', user);
    c.set('mustChangePassword', session?.mustChangePassword ?? false);
    if (session?.mustChangePassword && path.startsWith('/api/') && !OPEN_BEFORE_PASSWORD_CHANGE.has(path)) {
      const readable = (c.req.method === 'GET' || c.req.method === 'HEAD') && READABLE_BEFORE_PASSWORD_CHANGE.has(path);
      if (!readable)
        throw new ApiError(403, 'password_change_required', 'Change your one-time password first (POST /api/v1/auth/password)');
    }
    // A cookie naming a dead session is dropped, so the browser stops sending it (sign-in and sign-out
    // set the cookie themselves: a second Set-Cookie for it would leave the outcome to header order).
    if (token && !user && !SETS_OWN_COOKIE.has(path)) clearSessionCookie(c);
    if (deps.auth.requireLogin && !user) {
      if (path.startsWith('/api/')) {
        // METRICS_PUBLIC=true opens the metrics to a scraper without a session, even here (decision 020).
        const open = PUBLIC_API.has(path) || (deps.metricsPublic && path === METRICS_PATH);
        if (!open) throw new ApiError(401, 'unauthenticated', 'Sign in to use the API');
      } else if (path !== '/login') {
        const method = c.req.method;
        if (method !== 'GET' && method !== 'HEAD') throw new ApiError(401, 'unauthenticated', 'Sign in first');
        // Back to the same page, filters and all, after signing in.
        return c.redirect(`/login?next=${encodeURIComponent(path + new URL(c.req.url).search)}`, 302);
      }
    }
    await next();
  };
}

/** True when the request reached us over HTTPS (directly or through a proxy that says so). */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  // A proxy chain may list several protocols; the first is what the browser used.
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Expires the session cookie in the browser (same attributes as when it was set, or it would not match). */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c), httpOnly: true, sameSite: 'Lax' });
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The one write that takes a file: the survey-form upload (its Origin is checked like any other's). */
const MULTIPART_WRITES = new Set(['/api/v1/imports']);

/**
 * CSRF defence for cookie-authenticated writes: only JSON bodies (a cross-site form or a "simple"
 * fetch can send only form, multipart or text/plain without a CORS preflight, which this server
 * never grants) and no foreign Origin.
 */
export function writeGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();

    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (origin !== new URL(c.req.url).origin) {
        // Behind a proxy the URL we see is the internal one; the host the browser used is forwarded.
        const expectedHost = c.req.header('x-forwarded-host') ?? c.req.header('host');
        // 'null' (a sandboxed frame, a cross-site redirect) is not a URL and never matches.
        const originHost = URL.canParse(origin) ? new URL(origin).host : '';
        if (!expectedHost || originHost !== expectedHost)
          throw new ApiError(403, 'forbidden_origin', 'Cross-site requests are not accepted');
      }
    } else {
      // No Origin (rare for a browser's POST): Fetch Metadata still tells a cross-site request apart.
      const site = c.req.header('sec-fetch-site');
      if (site === 'cross-site' || site === 'same-site')
        throw new ApiError(403, 'forbidden_origin', 'Cross-site requests are not accepted');
    }

    // Judged by the declared type whenever there is one, since the length of a body is not always
    // known up front (a chunked upload, a Request built in a test).
    const type = c.req.header('content-type');
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const mediaType = type?.split(';')[0]?.trim() ?? '';
    const multipartAllowed = c.req.method === 'POST' && MULTIPART_WRITES.has(c.req.path) && mediaType === 'multipart/form-data';
    if ((type !== undefined || hasBody) && !JSON_MEDIA_TYPE.test(mediaType) && !multipartAllowed) {
      throw new ApiError(415, 'unsupported_media_type', 'Request bodies must be application/json');
    }
    await next();
  };
}
