import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { healthResponse, metaResponse } from '../schemas/responses';
import { OPTIONAL_SESSION, errorResponses, jsonResponse, cachedRead, ifNoneMatchHeader } from './openapi-common';

// The service's own routes: the load balancer's probe, the vocabularies, and this document.

export function registerSystemPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/health',
    tags: ['system'],
    summary: 'Liveness and database check (open even under REQUIRE_LOGIN)',
    security: [],
    responses: {
      200: jsonResponse('The service and its database answer', healthResponse.meta({ id: 'Health' })),
      ...errorResponses(),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/meta',
    tags: ['system'],
    summary: 'Vocabularies (fields, ministries, pillars, instruments, statuses, healths, deadlines) and the clock',
    security: OPTIONAL_SESSION,
    request: { headers: ifNoneMatchHeader },
    responses: { ...cachedRead('The vocabularies', metaResponse.meta({ id: 'Meta' })), ...errorResponses(401) },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    tags: ['system'],
    summary: 'This document (OpenAPI 3.1)',
    security: OPTIONAL_SESSION,
    responses: {
      200: jsonResponse(
        'The OpenAPI document',
        z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document' }),
      ),
      ...errorResponses(401),
    },
  });
}
