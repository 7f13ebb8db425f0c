import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session-middleware';
import { changePasswordBody, loginBody, meResponse } from '../schemas/auth';
import { MIN_PASSWORD_LENGTH } from '../../common/password-rule';
import { OPTIONAL_SESSION, REQUIRED_SESSION, errorResponses, jsonResponse } from './openapi-common';

// Signing in and out, and one's own password (docs/product.md §4 "Accounts, sessions and roles",
// decision 025). Login, logout and me stay open under REQUIRE_LOGIN; no answer is cached (Cache-Control: no-store).

const me = meResponse.meta({ id: 'Me' });

const noStore = { 'Cache-Control': z.literal('no-store').meta({ description: 'Who is signed in is personal' }) };

export function registerAuthPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/auth/login',
    tags: ['auth'],
    summary: 'Sign in with email and password',
    security: [],
    request: { body: { required: true, content: { 'application/json': { schema: loginBody } } } },
    responses: {
      200: jsonResponse(
        'Signed in: the user, and a new session cookie',
        me,
        z.object({
          ...noStore,
          'Set-Cookie': z
            .string()
            .meta({ description: `${SESSION_COOKIE}=…; HttpOnly; SameSite=Lax; Path=/ (Secure over HTTPS)` }),
        }),
      ),
      ...errorResponses(400, 401, 403, 415, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/auth/logout',
    tags: ['auth'],
    summary: 'Sign out: ends the session and expires the cookie',
    security: OPTIONAL_SESSION,
    responses: {
      204: { description: 'Signed out (also when there was no session)', headers: z.object(noStore) },
      ...errorResponses(403, 415),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/auth/password',
    tags: ['auth'],
    summary: 'Change your own password; your other sessions end (audited)',
    description:
      `The new password needs at least ${MIN_PASSWORD_LENGTH} characters (400 \`weak_password\`) and must differ ` +
      'from the current one (400 `same_password`). A wrong current password is 400 `wrong_password` and counts ' +
      'against the sign-in throttle (429 with Retry-After once locked). Clears the one-time password flag.',
    security: REQUIRED_SESSION,
    request: { body: { required: true, content: { 'application/json': { schema: changePasswordBody } } } },
    responses: {
      204: { description: 'Changed; this session stays, every other one of the user ended', headers: z.object(noStore) },
      ...errorResponses(400, 401, 403, 415, 429),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/auth/me',
    tags: ['auth'],
    summary: 'Who is signed in (`user: null` when nobody is), and whether they must change a one-time password first',
    security: OPTIONAL_SESSION,
    responses: { 200: jsonResponse('The signed-in user or null', me, z.object(noStore)), ...errorResponses() },
  });
}
