import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { MAX_WRITE_BODY_BYTES } from '../routes/write-body-limit';
import { reportQueueItem, reportQueueResponse } from '../schemas/follow-up';
import { reportIdParam, reportQueueQuery, reviewBody, reviewConflictResponse } from '../schemas/reviews';
import { OPTIONAL_SESSION, REQUIRED_SESSION, errorResponses, jsonResponse, queryParameters } from './openapi-common';

// The review of reports (差し戻し, docs/product.md §4 "The follow-up round"): the queue and one report
// (public reads), and the review (secretariat, admin; If-Match with the report's ETag; audited).

const item = reportQueueItem.meta({ id: 'ReportQueueItem' });

const reportEtag = z.object({
  ETag: z.string().meta({
    description: "The report's review state as a strong entity tag; send it back in If-Match to review it",
    example: '"report-12-submitted"',
  }),
});

export function registerReviewsPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/reports',
    tags: ['reports'],
    summary: 'The review queue: reports with their measure and the report before them, oldest first',
    security: OPTIONAL_SESSION,
    request: {
      query: queryParameters(reportQueueQuery, {
        review: 'Review state: submitted, accepted or returned',
        latest: "Only each measure's latest report (default true)",
        round: 'A round code: only the reports that answer it',
        ministry: 'Lead ministry codes (repeat the parameter or separate codes with commas; any of them matches)',
        measure: 'A measure code',
      }),
    },
    responses: {
      200: jsonResponse('One page of the queue', reportQueueResponse.meta({ id: 'ReportQueuePage' })),
      ...errorResponses(400, 401),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/reports/{id}',
    tags: ['reports'],
    summary: 'One report with its measure and the report before it',
    security: OPTIONAL_SESSION,
    request: { params: reportIdParam },
    responses: {
      200: jsonResponse('The report', item, reportEtag),
      ...errorResponses(400, 401, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/reports/{id}/review',
    tags: ['reports'],
    summary: 'Accept a report, or return it (差し戻し) with a comment to the ministry (secretariat, admin; audited)',
    security: REQUIRED_SESSION,
    request: {
      params: reportIdParam,
      headers: z.object({
        'If-Match': z
          .string()
          .meta({ description: "The report's ETag (from GET /reports/{id})", example: '"report-12-submitted"' }),
      }),
      body: {
        required: true,
        description: `A strict JSON object of at most ${MAX_WRITE_BODY_BYTES} bytes; comment required when returning`,
        content: { 'application/json': { schema: reviewBody.meta({ id: 'ReviewBody' }) } },
      },
    },
    responses: {
      200: jsonResponse('The report with its review and its new ETag', item, reportEtag),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 428),
      412: jsonResponse(
        'The ETag is not the current one (reviewed meanwhile): the error and the report as it is now (with its ETag)',
        reviewConflictResponse.meta({ id: 'ReviewConflict' }),
        reportEtag,
      ),
    },
  });
}
