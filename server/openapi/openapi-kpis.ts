import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { MAX_WRITE_BODY_BYTES } from '../routes/write-body-limit';
import { kpiQueueItem, kpiQueueResponse, kpiStatsResponse, verificationQueueResponse } from '../schemas/follow-up';
import {
  QUEUE_PARAMETER_DESCRIPTIONS,
  kpiCategoryBody,
  kpiCreateBody,
  kpiIdParam,
  kpiObservationBody,
  kpiParam,
  kpiPatchBody,
  kpiQueueQuery,
  kpiStatsQuery,
  verificationQueueQuery,
} from '../schemas/kpi-inputs';
import { measureCodeParam } from '../schemas/query';
import { measureDetailResponse } from '../schemas/responses';
import { milestoneParam, milestoneVerificationBody, preconditionFailedResponse } from '../schemas/writes';
import type { ErrorStatus } from './openapi-common';
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

// Verified milestones and structured KPIs (docs/product.md §3, §4 "The follow-up round"): the
// secretariat's verification of a milestone and the KPI writes are measure writes (If-Match with the
// measure's ETag, the measure with its new ETag in the answer); the queues and /stats/kpi are reads.

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
  description?: string;
  params: z.ZodObject;
  body: z.ZodType;
  status: 200 | 201;
  errors: ErrorStatus[];
}

const MEASURE_WRITES: readonly Write[] = [
  {
    method: 'post',
    path: '/measures/{code}/milestones/{id}/verification',
    summary: "The secretariat verifies a milestone's reported completion against its evidence, or rejects it",
    description:
      'Needs canVerifyMilestones (secretariat, admin). verify: 409 `milestone_not_completed`, `evidence_required` or ' +
      '`already_verified`; reject needs a comment and makes the milestone not complete again (the history is kept).',
    params: milestoneParam,
    body: milestoneVerificationBody.meta({ id: 'MilestoneVerificationBody' }),
    status: 200,
    errors: [400, 401, 403, 404, 409, 413, 415, 428],
  },
  {
    method: 'post',
    path: '/measures/{code}/kpis',
    summary: 'Add a structured KPI (baseline, target, direction)',
    params: measureCodeParam,
    body: kpiCreateBody.meta({ id: 'KpiCreateBody' }),
    status: 201,
    errors: [400, 401, 403, 404, 413, 415, 428],
  },
  {
    method: 'patch',
    path: '/measures/{code}/kpis/{id}',
    summary: "Edit a KPI's names, unit, source or plan",
    params: kpiParam,
    body: kpiPatchBody.meta({ id: 'KpiPatchBody' }),
    status: 200,
    errors: [400, 401, 403, 404, 413, 415, 428],
  },
  {
    method: 'post',
    path: '/measures/{code}/kpis/{id}/observations',
    summary: 'Record an observed value of a KPI (also possible within a report: `kpiObservations`)',
    params: kpiParam,
    body: kpiObservationBody.meta({ id: 'KpiObservationBody' }),
    status: 201,
    errors: [400, 401, 403, 404, 413, 415, 428],
  },
];

const PAGE_DESCRIPTIONS = {
  field: 'Field codes of the measures (any matches)',
  ministry: 'Ministry codes, lead or co-owner (any matches)',
};

export function registerKpisPaths(registry: OpenAPIRegistry): void {
  for (const write of MEASURE_WRITES) {
    registry.registerPath({
      method: write.method,
      path: write.path,
      tags: ['follow-up'],
      summary: write.summary,
      ...(write.description ? { description: write.description } : {}),
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
        ...errorResponses(...write.errors),
        412: stale,
      },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/milestones',
    tags: ['follow-up'],
    summary: 'Milestone completions waiting for verification (oldest completion first)',
    security: OPTIONAL_SESSION,
    request: {
      query: queryParameters(verificationQueueQuery, {
        ...PAGE_DESCRIPTIONS,
        verification: QUEUE_PARAMETER_DESCRIPTIONS.verification,
      }),
    },
    responses: {
      200: jsonResponse('One page of the queue', verificationQueueResponse.meta({ id: 'VerificationQueue' })),
      ...errorResponses(400, 401),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/kpis',
    tags: ['follow-up'],
    summary: 'KPIs whose category waits for confirmation, or is confirmed (by measure code)',
    security: OPTIONAL_SESSION,
    request: {
      query: queryParameters(kpiQueueQuery, { ...PAGE_DESCRIPTIONS, confirmation: QUEUE_PARAMETER_DESCRIPTIONS.confirmation }),
    },
    responses: {
      200: jsonResponse('One page of the queue', kpiQueueResponse.meta({ id: 'KpiQueue' })),
      ...errorResponses(400, 401),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/kpis/{id}/category',
    tags: ['follow-up'],
    summary: "The secretariat confirms a KPI's computed category or overrides it with a reason",
    description:
      'Needs canConfirmKpiCategories (secretariat, admin). `observationId` is the latest observation the judge saw; ' +
      '409 `kpi_observation_changed` when it is no longer the latest. A reason is required when the category ' +
      'differs from the computed one.',
    security: REQUIRED_SESSION,
    request: {
      params: kpiIdParam,
      body: {
        required: true,
        description: `A strict JSON object of at most ${MAX_WRITE_BODY_BYTES} bytes`,
        content: { 'application/json': { schema: kpiCategoryBody.meta({ id: 'KpiCategoryBody' }) } },
      },
    },
    responses: {
      200: jsonResponse('The KPI with the confirmation in force', kpiQueueItem.meta({ id: 'KpiQueueItem' })),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/stats/kpi',
    tags: ['stats'],
    summary: 'A / B / N counts of the shown KPI categories per field or ministry, under the list filters',
    security: OPTIONAL_SESSION,
    request: { query: queryParameters(kpiStatsQuery, { by: QUEUE_PARAMETER_DESCRIPTIONS.by }), headers: ifNoneMatchHeader },
    responses: {
      ...cachedRead('Counts per row and in total', kpiStatsResponse.meta({ id: 'KpiStats' })),
      ...errorResponses(400, 401),
    },
  });
}
