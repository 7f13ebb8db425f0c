import { z } from 'zod';
import { openApiDocument } from '../../server/openapi/openapi-document';

// The operations the fuzzer attacks, read from the OpenAPI document rather than listed by hand: a route
// added to the API is documented (tests/server/openapi.test.ts insists), so it is fuzzed from the day it
// lands (decision 022).

/** A JSON Schema as the document states it; read through the accessors below, never cast. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface FuzzParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface FuzzOperation {
  /** `GET /api/v1/measures/{code}`: what a failure names. */
  id: string;
  method: string;
  /** The full path template, `/api/v1/measures/{code}`. */
  path: string;
  parameters: FuzzParameter[];
  /** The media types of the request body the operation takes (empty when it takes none). */
  bodyTypes: string[];
  /** The JSON body's schema, `$ref`s resolved lazily by `resolveSchema`. */
  bodySchema: JsonSchema | null;
}

const schemaValue = z.record(z.string(), z.unknown());
const parameter = z.object({
  name: z.string(),
  in: z.enum(['path', 'query', 'header', 'cookie']),
  required: z.boolean().optional(),
  schema: schemaValue.optional(),
});
const operation = z.object({
  parameters: z.array(parameter).optional(),
  requestBody: z.object({ content: z.record(z.string(), z.object({ schema: schemaValue.optional() })) }).optional(),
});
const documentShape = z.object({
  servers: z.array(z.object({ url: z.string() })).min(1),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({ schemas: z.record(z.string(), schemaValue).optional() }).optional(),
});

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export interface FuzzApi {
  operations: FuzzOperation[];
  /** Follows a `$ref` into the document's components (one level per call; schemas are not cyclic here). */
  resolveSchema(schema: JsonSchema): JsonSchema;
}

export function fuzzApi(): FuzzApi {
  const document = documentShape.parse(openApiDocument());
  const base = document.servers[0]?.url ?? '';
  const components = document.components?.schemas ?? {};
  const operations: FuzzOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      if (!METHODS.has(method)) continue;
      const op = operation.parse(raw);
      const content = op.requestBody?.content ?? {};
      const upper = method.toUpperCase();
      operations.push({
        id: `${upper} ${base}${path}`,
        method: upper,
        path: `${base}${path}`,
        parameters: (op.parameters ?? []).flatMap((p) =>
          p.in === 'cookie' ? [] : [{ name: p.name, in: p.in, required: p.required ?? false, schema: p.schema ?? {} }],
        ),
        bodyTypes: Object.keys(content),
        bodySchema: content['application/json']?.schema ?? null,
      });
    }
  }
  return {
    operations,
    resolveSchema(schema) {
      const ref = schema.$ref;
      if (typeof ref !== 'string') return schema;
      const name = ref.replace('#/components/schemas/', '');
      return components[name] ?? {};
    },
  };
}
