import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { auditListResponse, auditQuery } from '../schemas/writes';
import { REQUIRED_SESSION, errorResponses, jsonResponse, queryParameters } from './openapi-common';

// The audit trail (docs/product.md §4), for administrators.

export function registerAuditPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/audit',
    tags: ['audit'],
    summary: 'The append-only audit trail, newest first (admin)',
    security: REQUIRED_SESSION,
    request: {
      query: queryParameters(auditQuery, {
        entity: 'An entity code; a measure code matches its milestones and the reviews of its reports too',
        entityType: 'The kind of entity (measure, milestone, user, …)',
        actor: "The actor's email",
        from: 'First JST day, inclusive',
        to: 'Last JST day, inclusive',
      }),
    },
    responses: {
      200: jsonResponse('One page of audit rows', auditListResponse.meta({ id: 'AuditPage' })),
      ...errorResponses(400, 401, 403),
    },
  });
}
