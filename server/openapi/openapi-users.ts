import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  createUserBody,
  createUserResponse,
  revokeSessionsResponse,
  updateUserBody,
  userIdParam,
  userListItem,
  userListResponse,
} from '../schemas/users';
import { REQUIRED_SESSION, errorResponses, jsonResponse } from './openapi-common';

// User management (docs/product.md §4, docs/decisions/025-users-in-the-browser.md), for
// administrators. No route takes query parameters (an unknown one is a 400); answers are never cached.

const noStore = z.object({ 'Cache-Control': z.literal('no-store') });
const user = userListItem.meta({ id: 'User' });
const jsonBody = (schema: z.ZodType) => ({ body: { required: true, content: { 'application/json': { schema } } } });

export function registerUsersPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/users',
    tags: ['users'],
    summary: 'Users with their live session counts and last sign-in (admin)',
    security: REQUIRED_SESSION,
    responses: {
      200: jsonResponse('Every user', userListResponse.meta({ id: 'UserList' }), noStore),
      ...errorResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/users',
    tags: ['users'],
    summary: 'Create a user with a one-time password, shown only in this answer (admin; audited)',
    description:
      'A ministry is required for a ministry_lead and refused for any other role. The user must change ' +
      'the one-time password at first sign-in: until then every other request is refused with 403 ' +
      '`password_change_required`. 409 `email_taken` when the email (compared lower-cased) is in use.',
    security: REQUIRED_SESSION,
    request: jsonBody(createUserBody),
    responses: {
      201: jsonResponse(
        'Created: the user and their one-time password',
        createUserResponse.meta({ id: 'CreatedUser' }),
        z.object({
          'Cache-Control': z.literal('no-store'),
          Location: z.string().meta({ description: 'The user', example: '/api/v1/users/7' }),
        }),
      ),
      ...errorResponses(400, 401, 403, 409, 415),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/users/{id}',
    tags: ['users'],
    summary: 'One user, as the list shows them (admin)',
    security: REQUIRED_SESSION,
    request: { params: userIdParam },
    responses: { 200: jsonResponse('The user', user, noStore), ...errorResponses(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: 'patch',
    path: '/users/{id}',
    tags: ['users'],
    summary: "Change a user's role, ministry, name, or disable / re-enable them (admin; audited)",
    description:
      'At least one field. Disabling ends every session of the user. An administrator may neither ' +
      'disable nor demote themselves (409 `cannot_disable_self` / `cannot_demote_self`).',
    security: REQUIRED_SESSION,
    request: { params: userIdParam, ...jsonBody(updateUserBody) },
    responses: { 200: jsonResponse('The user as changed', user, noStore), ...errorResponses(400, 401, 403, 404, 409, 415) },
  });
  registry.registerPath({
    method: 'delete',
    path: '/users/{id}/sessions',
    tags: ['users'],
    summary: 'Sign a user out everywhere (admin; audited)',
    security: REQUIRED_SESSION,
    request: { params: userIdParam },
    responses: {
      200: jsonResponse('How many sessions were ended', revokeSessionsResponse.meta({ id: 'RevokedSessions' }), noStore),
      ...errorResponses(400, 401, 403, 404, 415),
    },
  });
}
