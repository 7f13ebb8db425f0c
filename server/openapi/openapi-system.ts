import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { drainingHealthResponse, healthResponse, metaResponse } from '../schemas/responses';
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
      503: jsonResponse(
        'The process is draining for a restart (SIGTERM): it finishes the requests in flight and takes no new ones',
        drainingHealthResponse.meta({ id: 'HealthDraining' }),
      ),
      ...errorResponses(),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    tags: ['system'],
    summary: 'Prometheus metrics of this process (admins; everyone with METRICS_PUBLIC=true)',
    description:
      'The Prometheus text format: requests and latency per route and status, database query times and pool, ' +
      "the response cache, process memory and CPU. With WORKERS=N the answer is the whole cluster's, summed over its workers.",
    security: OPTIONAL_SESSION,
    responses: {
      200: {
        description: 'The metrics in the Prometheus text exposition format 0.0.4',
        content: { 'text/plain': { schema: z.string() } },
      },
      ...errorResponses(401, 403),
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
