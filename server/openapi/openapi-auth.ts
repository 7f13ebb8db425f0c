import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session-middleware';
import { loginBody, meResponse } from '../schemas/auth';
import { OPTIONAL_SESSION, errorResponses, jsonResponse } from './openapi-common';

// Signing in and out (docs/product.md §4 "Accounts, sessions and roles"). These three stay open under
// REQUIRE_LOGIN; their answers are never cached (Cache-Control: no-store).

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
    method: 'get',
    path: '/auth/me',
    tags: ['auth'],
    summary: 'Who is signed in (`user: null` when nobody is)',
    security: OPTIONAL_SESSION,
    responses: { 200: jsonResponse('The signed-in user or null', me, z.object(noStore)), ...errorResponses() },
  });
}
