import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  createReferenceBody,
  referenceCodeParam,
  referenceItem,
  referenceListResponse,
  updateReferenceBody,
} from '../schemas/reference-data';
import { REQUIRED_SESSION, errorResponses, jsonResponse } from './openapi-common';

// Deadlines and meetings administered in the browser (docs/decisions/026-reference-data-in-the-browser.md),
// for administrators. No route takes query parameters (an unknown one is a 400); answers are never cached.
// Everyone else reads them through GET /meta.

const noStore = z.object({ 'Cache-Control': z.literal('no-store') });
const item = referenceItem.meta({ id: 'ReferenceDate' });
const list = referenceListResponse.meta({ id: 'ReferenceDateList' });
const jsonBody = (schema: z.ZodType) => ({ body: { required: true, content: { 'application/json': { schema } } } });

const WORDS = {
  deadlines: { one: 'deadline', example: 'summer-2028' },
  meetings: { one: 'meeting', example: 'meeting-5' },
} as const;

function registerKind(registry: OpenAPIRegistry, kind: keyof typeof WORDS, retiring: string): void {
  const { one, example } = WORDS[kind];
  registry.registerPath({
    method: 'get',
    path: `/${kind}`,
    tags: ['reference data'],
    summary: `Every ${one}, retired ones included, with the editions and rounds that name it (admin)`,
    security: REQUIRED_SESSION,
    responses: { 200: jsonResponse(`Every ${one} by date`, list, noStore), ...errorResponses(400, 401, 403) },
  });
  registry.registerPath({
    method: 'post',
    path: `/${kind}`,
    tags: ['reference data'],
    summary: `Add a ${one} (admin; audited as ${one}.create)`,
    description:
      `Every server process uses it from its next request on (GET /meta). 409 \`code_taken\` when a ${one} ` +
      'with the code exists, retired or not: a code once given is never given again.',
    security: REQUIRED_SESSION,
    request: jsonBody(createReferenceBody),
    responses: {
      201: jsonResponse(
        `The ${one} added`,
        item,
        z.object({
          'Cache-Control': z.literal('no-store'),
          Location: z.string().meta({ description: `The ${one}`, example: `/api/v1/${kind}/${example}` }),
        }),
      ),
      ...errorResponses(400, 401, 403, 409, 415),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `/${kind}/{code}`,
    tags: ['reference data'],
    summary: `One ${one}, as the list shows it (admin)`,
    security: REQUIRED_SESSION,
    request: { params: referenceCodeParam },
    responses: { 200: jsonResponse(`The ${one}`, item, noStore), ...errorResponses(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: 'patch',
    path: `/${kind}/{code}`,
    tags: ['reference data'],
    summary: `Rename, move or retire / restore a ${one} (admin; audited as ${one}.update)`,
    description: `At least one field; the code never changes and nothing is ever deleted. ${retiring}`,
    security: REQUIRED_SESSION,
    request: { params: referenceCodeParam, ...jsonBody(updateReferenceBody) },
    responses: {
      200: jsonResponse(`The ${one} as changed`, item, noStore),
      ...errorResponses(400, 401, 403, 404, ...(kind === 'deadlines' ? ([409] as const) : []), 415),
    },
  });
}

export function registerReferenceDataPaths(registry: OpenAPIRegistry): void {
  registerKind(
    registry,
    'deadlines',
    'A retired deadline is never the default and is flagged `retired` in GET /meta, but `deadline=<code>` ' +
      'still resolves (old links, frozen editions). 409 `last_deadline_in_force` for retiring the last one in force.',
  );
  registerKind(
    registry,
    'meetings',
    'A retired meeting gets no new editions and is never the last or next meeting of GET /meta; editions ' +
      'frozen for it keep showing it.',
  );
}
