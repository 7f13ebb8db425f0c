import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { MAX_WRITE_BODY_BYTES } from '../routes/write-body-limit';
import { measureCodeParam, measureDetailQuery, measureListQuery } from '../schemas/query';
import { measureDetailResponse, measureListResponse } from '../schemas/responses';
import {
  measureCreateBody,
  measurePatchBody,
  milestoneCreateBody,
  milestoneParam,
  milestonePatchBody,
  preconditionFailedResponse,
  reportBody,
  withdrawalBody,
} from '../schemas/writes';
import {
  OPTIONAL_SESSION,
  REQUIRED_SESSION,
  errorResponses,
  etagHeader,
  ifMatchHeader,
  jsonResponse,
  queryParameters,
  cachedRead,
  ifNoneMatchHeader,
} from './openapi-common';

// The measures: the list and the detail (public reads), and the writes (docs/product.md §4 "Writing",
// docs/decisions/006-writes-versions-and-audit.md): a session with the right, a JSON body of at most
// MAX_WRITE_BODY_BYTES, and If-Match with the measure's ETag; the answer is the measure with its new ETag.

const measureDetail = measureDetailResponse.meta({ id: 'MeasureDetail' });

const stale: ResponseConfig = jsonResponse(
  'The measure changed since the If-Match version: the error and the measure as it is now (with its ETag)',
  preconditionFailedResponse.meta({ id: 'PreconditionFailed' }),
  etagHeader,
);

interface Write {
  method: 'post' | 'patch';
  path: string;
  summary: string;
  params: z.ZodObject;
  body: z.ZodType;
  status: 200 | 201;
}

const WRITES: readonly Write[] = [
  {
    method: 'post',
    path: '/measures/{code}/reports',
    summary: 'File a status report (moves status, health and completed milestones)',
    params: measureCodeParam,
    body: reportBody.meta({ id: 'ReportBody' }),
    status: 201,
  },
  {
    method: 'patch',
    path: '/measures/{code}',
    summary: "Edit a measure's own fields (titles, summaries, dates, budget, KPI, owner, classification)",
    params: measureCodeParam,
    body: measurePatchBody.meta({ id: 'MeasurePatchBody' }),
    status: 200,
  },
  {
    method: 'post',
    path: '/measures/{code}/milestones',
    summary: 'Add a milestone',
    params: measureCodeParam,
    body: milestoneCreateBody.meta({ id: 'MilestoneCreateBody' }),
    status: 201,
  },
  {
    method: 'patch',
    path: '/measures/{code}/milestones/{id}',
    summary: 'Rename, reschedule (the baseline stays) or reweigh a milestone',
    params: milestoneParam,
    body: milestonePatchBody.meta({ id: 'MilestonePatchBody' }),
    status: 200,
  },
  {
    method: 'post',
    path: '/measures/{code}/withdraw',
    summary:
      'Withdraw (廃止) the measure from a day (today when omitted): out of the default lists and figures from then, still readable and in every as-of view before it (409 when already withdrawn)',
    params: measureCodeParam,
    body: withdrawalBody.meta({ id: 'WithdrawalBody' }),
    status: 200,
  },
  {
    method: 'post',
    path: '/measures/{code}/restore',
    summary: 'Restore a withdrawn measure from a day (today when omitted); 409 when it is not withdrawn',
    params: measureCodeParam,
    body: withdrawalBody.meta({ id: 'RestorationBody' }),
    status: 200,
  },
];

export function registerMeasuresPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/measures',
    tags: ['measures'],
    summary: 'One page of the filtered, sorted measures',
    security: OPTIONAL_SESSION,
    request: { query: queryParameters(measureListQuery), headers: ifNoneMatchHeader },
    responses: {
      ...cachedRead('One page of measures', measureListResponse.meta({ id: 'MeasurePage' })),
      ...errorResponses(400, 401),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/measures/{code}',
    tags: ['measures'],
    summary: 'A measure with its milestones and report history',
    security: OPTIONAL_SESSION,
    request: { params: measureCodeParam, query: queryParameters(measureDetailQuery) },
    responses: {
      200: jsonResponse(
        'The measure (the ETag is sent for the current view only, not for a past `asOf`)',
        measureDetail,
        etagHeader.partial(),
      ),
      ...errorResponses(400, 401, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/measures',
    tags: ['measures'],
    summary: 'Register a new measure (施策の新規登録); the server gives its code, the next of the lead ministry',
    description:
      'A ministry lead for their own ministry; the secretariat and administrators for any. The fields of PATCH with ' +
      'titleJa, titleEn, fields and instruments required, plus leadMinistry, pillar and milestones. No If-Match: ' +
      'there is no version yet. Answers 201 with Location and the ETag of version 1.',
    security: REQUIRED_SESSION,
    request: {
      body: {
        required: true,
        description: `A strict JSON object of at most ${MAX_WRITE_BODY_BYTES} bytes`,
        content: { 'application/json': { schema: measureCreateBody.meta({ id: 'MeasureCreateBody' }) } },
      },
    },
    responses: {
      201: jsonResponse(
        'The new measure, with its ETag',
        measureDetail,
        etagHeader.extend({ Location: z.string().meta({ description: '/api/v1/measures/{code}' }) }),
      ),
      ...errorResponses(400, 401, 403, 413, 415),
    },
  });
  for (const write of WRITES) {
    registry.registerPath({
      method: write.method,
      path: write.path,
      tags: ['measures'],
      summary: write.summary,
      security: REQUIRED_SESSION,
      request: {
        params: write.params,
        headers: ifMatchHeader,
        body: {
          required: true,
          description: `A strict JSON object of at most ${MAX_WRITE_BODY_BYTES} bytes`,
          content: { 'application/json': { schema: write.body } },
        },
      },
      responses: {
        [write.status]: jsonResponse('The measure after the change, with its new ETag', measureDetail, etagHeader),
        // 409: the measure is withdrawn (廃止) and read-only until restored (docs/decisions/024).
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 428),
        412: stale,
      },
    });
  }
}
