import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { MAX_WRITE_BODY_BYTES } from '../routes/write-body-limit';
import { kpiStatsResponse } from '../schemas/follow-up';
import {
  createEditionBody,
  editionCodeParam,
  editionDto,
  editionKpiQuery,
  editionListResponse,
  editionMeasuresQuery,
  editionNoQuery,
} from '../schemas/meeting-pack';
import { breakdownResponse, burnupResponse, heatmapResponse, measureListResponse, summaryResponse } from '../schemas/responses';
import { OPTIONAL_SESSION, REQUIRED_SESSION, errorResponses, jsonResponse, queryParameters } from './openapi-common';

// Editions (docs/product.md §2 "Meetings and editions", docs/decisions/013-frozen-editions.md):
// freezing one is for the secretariat and administrators; reading one is public like the statistics,
// each view in the shape of its live endpoint, cached for good.

const cached = z.object({
  ETag: z.string().meta({ description: 'Names the edition and the view; it never changes', example: '"edition-m3-summary"' }),
  'Cache-Control': z.string().meta({ description: 'An edition never changes', example: 'public, max-age=31536000, immutable' }),
});
const notModified = { 304: { description: 'The If-None-Match ETag is this one: nothing changed (editions never do)' } };

export function registerEditionsPaths(registry: OpenAPIRegistry): void {
  const edition = editionDto.meta({ id: 'Edition' });
  registry.registerPath({
    method: 'get',
    path: '/editions',
    tags: ['editions'],
    summary: 'Every edition, newest meeting first, then newest first',
    security: OPTIONAL_SESSION,
    request: { query: editionNoQuery },
    responses: {
      200: jsonResponse('The editions', editionListResponse.meta({ id: 'EditionList' })),
      ...errorResponses(400, 401),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/editions',
    tags: ['editions'],
    summary:
      'Freeze an edition for a meeting: every view under the filters, at one instant (secretariat, admin; audited); 409 edition_exists',
    security: REQUIRED_SESSION,
    request: {
      body: {
        required: true,
        description: `A strict JSON object of at most ${MAX_WRITE_BODY_BYTES} bytes; \`filters\` takes the statistics' parameters but asOf`,
        content: { 'application/json': { schema: createEditionBody.meta({ id: 'EditionCreateBody' }) } },
      },
    },
    responses: {
      201: jsonResponse(
        'The edition',
        edition,
        z.object({ Location: z.string().meta({ description: 'The edition', example: '/api/v1/editions/m3' }) }),
      ),
      ...errorResponses(400, 401, 403, 409, 413, 415),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/editions/{code}',
    tags: ['editions'],
    summary: 'One edition: its meeting, as-of, deadline, basis, filters and views; 404 edition_not_found',
    security: OPTIONAL_SESSION,
    request: { params: editionCodeParam, query: editionNoQuery },
    responses: { 200: jsonResponse('The edition', edition, cached), ...notModified, ...errorResponses(400, 401, 404) },
  });
  const views: readonly [string, string, z.ZodType, z.ZodObject][] = [
    ['summary', 'The headline figures as frozen', summaryResponse.meta({ id: 'Summary' }), editionNoQuery],
    ['by-field', 'By field as frozen', breakdownResponse.meta({ id: 'Breakdown' }), editionNoQuery],
    ['by-ministry', 'By ministry as frozen', breakdownResponse.meta({ id: 'Breakdown' }), editionNoQuery],
    ['heatmap', 'The field × ministry heat map as frozen', heatmapResponse.meta({ id: 'Heatmap' }), editionNoQuery],
    ['burnup', 'The burn-up as frozen', burnupResponse.meta({ id: 'Burnup' }), editionNoQuery],
    [
      'kpi',
      'KPI categories by field (default) or by ministry as frozen',
      kpiStatsResponse.meta({ id: 'KpiStats' }),
      editionKpiQuery,
    ],
    [
      'measures',
      'The frozen measure list, most behind first, paged',
      measureListResponse.meta({ id: 'MeasurePage' }),
      editionMeasuresQuery,
    ],
  ];
  for (const [view, summary, schema, query] of views) {
    registry.registerPath({
      method: 'get',
      path: `/editions/{code}/${view}`,
      tags: ['editions'],
      summary: `${summary}, in the shape of the live endpoint; 404 edition_not_found`,
      security: OPTIONAL_SESSION,
      request: { params: editionCodeParam, query: queryParameters(query) },
      responses: { 200: jsonResponse(summary, schema, cached), ...notModified, ...errorResponses(400, 401, 404) },
    });
  }
}
