import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { MAX_WRITE_BODY_BYTES } from '../routes/write-body-limit';
import { roundDetailResponse, roundListResponse } from '../schemas/follow-up';
import { roundCodeParam, roundCreateBody } from '../schemas/rounds';
import { OPTIONAL_SESSION, REQUIRED_SESSION, errorResponses, jsonResponse } from './openapi-common';

// Rounds (照会, docs/product.md §4 "The follow-up round"): public reads; opening and closing for the
// secretariat and administrators, audited.

const roundDetail = roundDetailResponse.meta({ id: 'RoundDetail' });

export function registerRoundsPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/rounds',
    tags: ['rounds'],
    summary: 'Every round, newest opening first, with its totals',
    security: OPTIONAL_SESSION,
    responses: {
      200: jsonResponse('The rounds', roundListResponse.meta({ id: 'RoundList' })),
      ...errorResponses(400, 401),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/rounds',
    tags: ['rounds'],
    summary: 'Open a round: a call for reports from the ministries in scope by a due date (secretariat, admin; audited)',
    security: REQUIRED_SESSION,
    request: {
      body: {
        required: true,
        description: `A strict JSON object of at most ${MAX_WRITE_BODY_BYTES} bytes`,
        content: { 'application/json': { schema: roundCreateBody.meta({ id: 'RoundCreateBody' }) } },
      },
    },
    responses: {
      201: jsonResponse('The round with its progress', roundDetail),
      ...errorResponses(400, 401, 403, 409, 413, 415),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/rounds/{code}',
    tags: ['rounds'],
    summary: 'A round with its progress per ministry and per measure in scope',
    security: OPTIONAL_SESSION,
    request: { params: roundCodeParam },
    responses: {
      200: jsonResponse('The round', roundDetail),
      ...errorResponses(400, 401, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/rounds/{code}/close',
    tags: ['rounds'],
    summary: 'Close a round: it takes no more reports (secretariat, admin; audited); 409 round_closed when closed already',
    security: REQUIRED_SESSION,
    request: { params: roundCodeParam },
    responses: {
      200: jsonResponse('The closed round', roundDetail),
      ...errorResponses(400, 401, 403, 404, 409, 415),
    },
  });
}
