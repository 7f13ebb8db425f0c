import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session-middleware';
import { errorResponse } from '../schemas/responses';

// Shared pieces of the API document (docs/decisions/010-exchange-libraries.md): the session cookie as a
// security scheme, the error responses, and the query parameters as a client writes them. Every schema
// here is one the routes validate with, or a part of one.

// Names and descriptions are zod's own metadata (`.meta()`, which zod-to-openapi reads), not
// `extendZodWithOpenApi`: that patch reaches only schemas created after it runs, and the schemas of
// server/schemas/ are created by whoever imports them first.

export const SESSION_SCHEME = 'session';

/** Reads are public unless the server runs with REQUIRE_LOGIN=true: a session is accepted, not needed. */
export const OPTIONAL_SESSION: RouteConfig['security'] = [{}, { [SESSION_SCHEME]: [] }];
/** Writes and administration: a session with the right role. */
export const REQUIRED_SESSION: RouteConfig['security'] = [{ [SESSION_SCHEME]: [] }];

export function registerCommon(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', SESSION_SCHEME, {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `The session cookie set by POST /auth/login (HttpOnly, SameSite=Lax).`,
  });
}

/** The body of every refusal; `issues` names each offending parameter or body field of a 400. */
export const errorSchema = errorResponse.meta({ id: 'Error' });

const ERROR_DESCRIPTIONS = {
  400: 'A parameter or the body is invalid; `error.issues` names each one',
  401: 'No valid session (or, under REQUIRE_LOGIN=true, none for a read)',
  403: 'The role may not do this, or the request came from another site',
  404: 'No such resource',
  409: 'The resource changed meanwhile',
  412: 'The If-Match version is not the current one',
  413: 'The body is too large',
  415: 'The body is not application/json',
  422: 'Understood but not carried out: the import has errors or changes nothing',
  428: 'If-Match is missing (or `*`): a write must name the version it is based on',
  429: 'Too many attempts; retry after the number of seconds in Retry-After',
  500: 'An internal error; the message carries the request id, nothing else',
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

const jsonError = { 'application/json': { schema: errorSchema } };

/** The documented error answers of a route; every route may answer 500. */
export function errorResponses(...statuses: ErrorStatus[]): Record<number, ResponseConfig> {
  const responses: Record<number, ResponseConfig> = {};
  for (const status of [...statuses, 500 as const]) {
    responses[status] = { description: ERROR_DESCRIPTIONS[status], content: jsonError };
  }
  if (responses[429]) {
    responses[429] = {
      ...responses[429],
      headers: z.object({ 'Retry-After': z.string().regex(/^\d+$/).meta({ description: 'Seconds to wait' }) }),
    };
  }
  return responses;
}

/** A JSON answer with `schema`. */
export function jsonResponse(description: string, schema: z.ZodType, headers?: ResponseConfig['headers']): ResponseConfig {
  return { description, content: { 'application/json': { schema } }, ...(headers ? { headers } : {}) };
}

export const etagHeader = z.object({
  ETag: z
    .string()
    .meta({ description: "The measure's version as a strong entity tag; send it back in If-Match", example: '"v3"' }),
});

export const ifMatchHeader = z.object({
  'If-Match': z.string().meta({ description: 'The ETag of the version this write is based on', example: '"v3"' }),
});

/**
 * What a query value must be once read. The schemas first accept the raw form (a string, or the
 * strings of a repeated key) and pipe it into the real rule; a client needs the rule, so each
 * parameter is documented by the end of its pipe (a code list as an array of codes, a page number as
 * an integer), still optional where the route's schema says so.
 */
function readValue(schema: z.core.$ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional) return readValue(schema.unwrap()).optional();
  if (schema instanceof z.ZodPipe) return readValue(schema.out);
  if (schema instanceof z.ZodType) return schema;
  throw new Error('not a zod schema');
}

/** The query parameters of a route's query schema, each with an optional description. */
export function queryParameters(query: z.ZodObject, descriptions: Readonly<Record<string, string>> = {}): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, schema] of Object.entries(query.shape)) {
    const value = readValue(schema);
    const description = descriptions[name] ?? PARAMETER_DESCRIPTIONS[name];
    shape[name] = description ? value.meta({ param: { description } }) : value;
  }
  return z.strictObject(shape);
}

const LIST = 'repeat the parameter or separate codes with commas; any of them matches';

/** Descriptions of the parameters several routes share (docs/product.md §4). */
const PARAMETER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  field: `Field codes (${LIST})`,
  ministry: `Ministry codes, lead or co-owner (${LIST})`,
  status: `Statuses (${LIST})`,
  health: `Effective healths, stale included (${LIST})`,
  pillar: `Pillar codes (${LIST})`,
  instrument: `Instrument codes (${LIST})`,
  q: 'Free text searched in codes, titles, summaries, KPIs and owners',
  asOf: 'Show the state as it was at the end of this JST day',
  basis:
    'What the figures are computed on: `reported` (default) every report and reported milestone completion; ' +
    '`accepted` only reports the secretariat had accepted by the as-of instant; `verified` as accepted, and only ' +
    'milestone completions verified by then',
  deadline: 'Deadline code the progress figures are measured against (default: the one in force)',
  sort: 'Sort key; a leading `-` reverses it',
  page: 'Page number, from 1',
  pageSize: 'Items per page',
  lang: 'Which titles `sort=title` orders by (ja by default)',
};

// The dashboard reads answered from the data-version cache (docs/decisions/019-data-version-cache.md).
const cachedReadHeaders = z.object({
  ETag: z.string().meta({
    description: 'Names the data version and the query: send it back in If-None-Match for a 304 while nothing changed',
    example: '"d1042.mgq3x2ao.k3P2yq8Wn1cV0tZ9aB4sLw"',
  }),
  'Cache-Control': z.string().meta({ description: 'Kept, but revalidated on every use', example: 'no-cache' }),
});

export const ifNoneMatchHeader = z.object({
  'If-None-Match': z
    .string()
    .optional()
    .meta({ description: 'The ETag of an earlier answer to the same query: 304 when it is still current' }),
});

/** 200 with the cache's ETag, and 304 when If-None-Match names the current one. */
export function cachedRead(
  description: string,
  schema: z.ZodType,
  { etagAlways = true } = {},
): Record<200 | 304, ResponseConfig> {
  return {
    200: jsonResponse(description, schema, etagAlways ? cachedReadHeaders : cachedReadHeaders.partial()),
    304: {
      description: 'If-None-Match names the current ETag: nothing this answer shows has changed since',
      headers: cachedReadHeaders,
    },
  };
}
