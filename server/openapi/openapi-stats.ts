import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { matrixQuery, matrixResponse, slippageQuery, slippageResponse } from '../schemas/meeting-pack';
import { statsQuery } from '../schemas/query';
import { breakdownResponse, burnupResponse, heatmapResponse, summaryResponse } from '../schemas/responses';
import { OPTIONAL_SESSION, cachedRead, errorResponses, ifNoneMatchHeader, queryParameters } from './openapi-common';

// The statistics (docs/product.md §3, §4): each takes the list's filters, `asOf` and `deadline`.

export function registerStatsPaths(registry: OpenAPIRegistry): void {
  const breakdown = breakdownResponse.meta({ id: 'Breakdown' });
  const routes: readonly [string, string, string, z.ZodType][] = [
    [
      '/stats/summary',
      'Headline figures of the filtered measures',
      'The headline figures',
      summaryResponse.meta({ id: 'Summary' }),
    ],
    ['/stats/by-field', 'Counts and progress by strategic field', 'One row per field', breakdown],
    ['/stats/by-ministry', 'Counts and progress by ministry (lead or co-owner)', 'One row per ministry', breakdown],
    [
      '/stats/heatmap',
      'Field × ministry: the axes and the non-empty cells',
      'The heat map',
      heatmapResponse.meta({ id: 'Heatmap' }),
    ],
    [
      '/stats/burnup',
      'Planned, completed and ideal milestone weight over time, with the forecast',
      'The burn-up',
      burnupResponse.meta({ id: 'Burnup' }),
    ],
  ];
  for (const [path, summary, answer, schema] of routes) {
    registry.registerPath({
      method: 'get',
      path,
      tags: ['stats'],
      summary,
      security: OPTIONAL_SESSION,
      request: { query: queryParameters(statsQuery), headers: ifNoneMatchHeader },
      responses: { ...cachedRead(answer, schema), ...errorResponses(400, 401) },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/stats/slippage',
    tags: ['stats'],
    summary: 'Milestones rescheduled and days slipped past their baselines, by field or ministry, as known at asOf',
    description:
      'A milestone is rescheduled when a revision of its due date was recorded by the as-of instant, and has slipped ' +
      'when the due date known then is later than its baseline. Every field or ministry is listed (ministries as lead ' +
      'or co-owner); the totals count each milestone once.',
    security: OPTIONAL_SESSION,
    request: { query: queryParameters(slippageQuery), headers: ifNoneMatchHeader },
    responses: {
      ...cachedRead('The slippage', slippageResponse.meta({ id: 'Slippage' })),
      ...errorResponses(400, 401),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/stats/matrix',
    tags: ['stats'],
    summary: 'Coverage and co-ownership: field × instrument, pillar or ministry, and ministry × ministry',
    description:
      'A cell holds the filtered measures linked to both its row and its column (ministries as lead or co-owner); ' +
      'ministry × ministry pairs are the measures both ministries own, the diagonal every measure of the ministry. ' +
      'Any pair other than rows=field&cols=instrument|pillar|ministry or rows=ministry&cols=ministry is a 400 naming cols.',
    security: OPTIONAL_SESSION,
    request: { query: queryParameters(matrixQuery), headers: ifNoneMatchHeader },
    responses: { ...cachedRead('The matrix', matrixResponse.meta({ id: 'Matrix' })), ...errorResponses(400, 401) },
  });
}
