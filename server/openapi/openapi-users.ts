import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { revokeSessionsResponse, userIdParam, userListResponse } from '../schemas/users';
import { REQUIRED_SESSION, errorResponses, jsonResponse } from './openapi-common';

// User management (docs/product.md §4), for administrators. Neither route takes query parameters (an
// unknown one is a 400); answers are never cached.

const noStore = z.object({ 'Cache-Control': z.literal('no-store') });

export function registerUsersPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/users',
    tags: ['users'],
    summary: 'Users with their live session counts (admin)',
    security: REQUIRED_SESSION,
    responses: {
      200: jsonResponse('Every user', userListResponse.meta({ id: 'UserList' }), noStore),
      ...errorResponses(400, 401, 403),
    },
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
