import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import type { FuzzApi, FuzzOperation, JsonSchema } from './openapi-operations';

// Generators of hostile requests for one documented operation (issue 12 item 2, decision 022): path
// parameters, query strings, bodies and headers, each either near-valid (built from the operation's own
// schema, so that it passes the validators and reaches the service and the SQL) or hostile (unicode,
// NUL, lone surrogates, repeated and comma-joined values, huge values, malformed JSON, wrong content
// types, prototype-pollution keys, forged If-Match, Origin and cookies).

/** Who sends it: the target signs each persona in once and puts its cookie in. */
export const PERSONAS = ['anonymous', 'admin', 'lead', 'secretariat', 'executive', 'forged'] as const;
export type Persona = (typeof PERSONAS)[number];

/** Placeholders the target replaces before sending: the current ETag of the addressed resource. */
export const CURRENT_ETAG = '<current-etag>';

export interface FuzzRequest {
  method: string;
  /** Path and query, already percent-encoded (deliberately malformed sometimes). */
  url: string;
  persona: Persona;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** Values that have broken web servers before. */
const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDC00y',
  '\uFEFF',
  '\u202E',
  '💥',
  '量子',
  'ｍｅｔｉ',
  'METI-0001\u0000',
  '../../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE measures; --',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '-1',
  '0',
  '0x10',
  '00000000001',
  '9007199254740993',
  '99999999999999999999999999',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '0000-01-01',
  '9999-12-31',
  '2026-1-1',
  '+002026-01-01',
  '2026-06-30T24:00:00Z',
  'null',
  'true',
  '[]',
  '{}',
  ',',
  ',,,',
  'a,,b,',
  '*',
  '%',
  'x'.repeat(10_000),
  '量'.repeat(4_000),
];

/** Raw URL text, inserted without encoding: broken escapes and overlong or surrogate UTF-8. */
const RAW_URL_PIECES: readonly string[] = [
  '%',
  '%0',
  '%zz',
  '%00',
  '%ED%A0%80',
  '%FF',
  '%C0%AF',
  '%E3%81',
  '..%2F..%2F',
  '%2e%2e',
  '%25',
  '+',
];

const hostileString: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
);

/** A JSON value that is not what the schema wants. */
const hostileJson: Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Percent-encodes text the way a client would, lone surrogates as the (invalid) UTF-8 of their code unit. */
export function encodeUrlComponent(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaType(schema: JsonSchema): string[] {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// Mostly the years the product holds (the validators refuse dates outside 2020 to today for as-of),
// sometimes the whole range a client could send.
const anyDate = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
  },
  {
    weight: 1,
    arbitrary: fc.date({ min: new Date('1999-01-01T00:00:00Z'), max: new Date('2101-01-01T00:00:00Z'), noInvalidDate: true }),
  },
);

/** A value that satisfies `schema` as far as a generator can (patterns, enums, formats, bounds). */
export function validValue(api: FuzzApi, raw: JsonSchema, depth = 0): Arbitrary<unknown> {
  const schema = api.resolveSchema(raw);
  const variants = [schema.anyOf, schema.oneOf].find(Array.isArray);
  if (variants) {
    const options = variants.filter(isSchema);
    if (options.length > 0) return fc.oneof(...options.map((v) => validValue(api, v, depth + 1)));
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  const types = schemaType(schema);
  const nullable = types.includes('null');
  const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : 'string');
  const value = valueOfType(api, schema, type, depth);
  return nullable ? fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value;
}

function valueOfType(api: FuzzApi, schema: JsonSchema, type: string, depth: number): Arbitrary<unknown> {
  switch (type) {
    case 'integer': {
      const min = numberOr(schema.minimum, -1000);
      const max = numberOr(schema.maximum, Math.max(min, 1000) + 1_000_000);
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 50) }), fc.integer({ min, max }));
    }
    case 'number': {
      const min = numberOr(schema.minimum, -1e9);
      const max = numberOr(schema.maximum, 1e12);
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = isSchema(schema.items) ? schema.items : {};
      const maxLength = Math.min(numberOr(schema.maxItems, 4), 4);
      const minLength = Math.min(numberOr(schema.minItems, 0), maxLength);
      return depth > 4 ? fc.constant([]) : fc.array(validValue(api, items, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = isSchema(schema.properties) ? Object.entries(schema.properties) : [];
      const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
      const model: Record<string, Arbitrary<unknown>> = {};
      for (const [key, value] of properties) {
        if (isSchema(value)) model[key] = validValue(api, value, depth + 1);
      }
      return fc.record(model, { requiredKeys: required.filter((key) => key in model) });
    }
    default:
      return stringValue(schema);
  }
}

function stringValue(schema: JsonSchema): Arbitrary<string> {
  if (schema.format === 'date') return anyDate.map(isoDate);
  if (schema.format === 'date-time') return anyDate.map((d) => d.toISOString());
  if (schema.format === 'uri') return fc.webUrl();
  if (schema.format === 'email') return fc.emailAddress();
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern fast-check cannot generate from: fall through to plain text.
    }
  }
  const maxLength = Math.min(numberOr(schema.maxLength, 60), 200);
  const minLength = Math.min(numberOr(schema.minLength, 0), maxLength);
  return fc.string({ unit: 'grapheme', minLength, maxLength });
}

/** Near-valid most of the time, hostile the rest: deep in an object, one field at a time. */
function mutatedValue(api: FuzzApi, schema: JsonSchema, depth = 0): Arbitrary<unknown> {
  const resolved = api.resolveSchema(schema);
  const properties = isSchema(resolved.properties) ? resolved.properties : null;
  if (properties && depth < 3) {
    return fc
      .tuple(
        validValue(api, resolved, depth),
        fc.constantFrom(...Object.keys(properties), '__proto__', 'constructor', 'unknownField'),
        hostileJson,
      )
      .map(([value, key, hostile]) => (typeof value === 'object' && value !== null ? { ...value, [key]: hostile } : value));
  }
  return fc.oneof({ weight: 3, arbitrary: validValue(api, resolved, depth) }, { weight: 2, arbitrary: hostileJson });
}

/** Known values for path parameters (real codes and ids), so that requests reach existing records. */
export interface KnownValues {
  /** The codes that exist under a path: rounds under /rounds, editions under /editions, else measures. */
  codesFor(path: string): readonly string[];
  ids: readonly string[];
  formats: readonly string[];
  /** Values that exist for a query parameter (taxonomy codes, meeting and edition codes), by its name. */
  query: Readonly<Record<string, readonly string[]>>;
}

function knownPathValue(path: string, name: string, known: KnownValues): Arbitrary<string> {
  const values = name === 'format' ? known.formats : name === 'code' ? known.codesFor(path) : known.ids;
  return fc.constantFrom(...values).map(encodeUrlComponent);
}

const hostileUrlText: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileString.map(encodeUrlComponent) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_URL_PIECES) },
);

/** A parameter's values as `key=value` pairs, repeated or comma-joined. */
function pairsOf(name: string, values: readonly string[], joined: boolean): string[] {
  const key = encodeUrlComponent(name);
  return joined ? [`${key}=${values.map(encodeUrlComponent).join(',')}`] : values.map((v) => `${key}=${encodeUrlComponent(v)}`);
}

function validPairs(api: FuzzApi, name: string, schema: JsonSchema, known: KnownValues): Arbitrary<string[]> {
  const existing = known.query[name];
  const value: Arbitrary<unknown> =
    existing && existing.length > 0
      ? fc.oneof(
          {
            weight: 3,
            arbitrary: fc
              .uniqueArray(fc.constantFrom(...existing), { minLength: 1, maxLength: 3 })
              .map((v) => (schemaType(api.resolveSchema(schema)).includes('array') ? v : v[0])),
          },
          { weight: 1, arbitrary: validValue(api, schema) },
        )
      : validValue(api, schema);
  return fc
    .tuple(value, fc.boolean())
    .map(([v, joined]) => pairsOf(name, Array.isArray(v) ? v.map(String) : [String(v)], joined));
}

const MALFORMED_BODIES: readonly string[] = [
  '',
  '{',
  '{"a":',
  'nul',
  '[1,2',
  '\u0000',
  '{"titleJa":"\\ud800"}',
  '{"a":1,"a":2}',
  '{"__proto__":{"role":"admin"}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `{"comment":"${'x'.repeat(70_000)}"}`,
  '"just a string"',
  '12',
];

const CONTENT_TYPES: readonly (string | null)[] = [
  'application/json; charset=utf-8',
  'application/json; charset=shift_jis',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'application/vnd.api+json',
  null,
];

/** A body that is not what the schema wants: a field replaced, malformed text, a polluting key. */
function hostileJsonBody(api: FuzzApi, schema: JsonSchema | null): Arbitrary<string> {
  const shaped = schema
    ? fc.oneof(
        { weight: 3, arbitrary: mutatedValue(api, schema).map((v) => JSON.stringify(v)) },
        // A prototype-pollution key in the text itself: JSON.stringify would drop an own __proto__.
        {
          weight: 1,
          arbitrary: validValue(api, schema).map((v) => {
            const text = JSON.stringify(v);
            return text.startsWith('{') && text.length > 2 ? `{"__proto__":{"isAdmin":true},${text.slice(1)}` : text;
          }),
        },
      )
    : fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v));
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_BODIES) },
  );
}

const textEncoder = new TextEncoder();

function multipartBody(): Arbitrary<{ body: Uint8Array<ArrayBuffer>; contentType: string }> {
  return fc
    .tuple(
      fc.uint8Array({ maxLength: 3_000 }),
      fc.boolean(),
      fc.constantFrom('file', 'upload', ''),
      fc.constantFrom('zz', 'other'),
    )
    .map(([bytes, zip, field, declared]) => {
      const payload = zip ? new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes]) : bytes;
      const head = textEncoder.encode(
        `--zz\r\nContent-Disposition: form-data; name="${field}"; filename="survey.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      );
      const tail = textEncoder.encode('\r\n--zz--\r\n');
      const body = new Uint8Array(head.length + payload.length + tail.length);
      body.set(head, 0);
      body.set(payload, head.length);
      body.set(tail, head.length + payload.length);
      return { body, contentType: `multipart/form-data; boundary=${declared}` };
    });
}

/** Header values must be Latin-1 on the wire; anything else a client could not send at all. */
const latin1 = (s: string) => [...s].every((c) => (c.codePointAt(0) ?? 0) <= 0xff && c !== '\r' && c !== '\n' && c !== '\u0000');
const headerText = hostileString.filter(latin1);

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

/** A request before it is sent: path values encoded, query as pairs. */
interface Draft {
  method: string;
  pathValues: string[];
  query: string[];
  body?: string | Uint8Array<ArrayBuffer>;
  contentType: string | null;
  persona: Persona;
  headers: Record<string, string>;
}
type Mutation = (draft: Draft) => Draft;

/** One hostile change to an otherwise honest request; shrinking drops them one by one. */
function mutations(api: FuzzApi, op: FuzzOperation): Arbitrary<Mutation> {
  const pathCount = op.parameters.filter((p) => p.in === 'path').length;
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const takesBody = op.bodyTypes.length > 0;
  const choices: { weight: number; arbitrary: Arbitrary<Mutation> }[] = [
    {
      weight: 2,
      arbitrary: fc.record({ name: hostileString, value: hostileString }).map(({ name, value }) => (d: Draft) => ({
        ...d,
        query: [...d.query, `${encodeUrlComponent(name)}=${encodeUrlComponent(value)}`],
      })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...PERSONAS).map((persona) => (d: Draft) => ({ ...d, persona })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.constant(null), fc.constantFrom('*', '"0"', 'W/"1"', '"garbage"', '"1", "2"', 'W/', '""'), headerText)
        .map((value) => (d: Draft) => {
          const headers = { ...d.headers };
          if (value === null) delete headers['if-match'];
          else headers['if-match'] = value;
          return { ...d, headers };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          name: fc.constantFrom(
            'origin',
            'sec-fetch-site',
            'x-request-id',
            'if-none-match',
            'accept-language',
            'x-forwarded-host',
            'cookie',
          ),
          value: fc.oneof(
            fc.constantFrom(
              'http://evil.example',
              'null',
              'http://localhost',
              'cross-site',
              'same-site',
              '*',
              'W/"x"',
              'mt_session=a; mt_session=b',
            ),
            headerText,
          ),
        })
        .map(({ name, value }) => (d: Draft) => ({ ...d, headers: { ...d.headers, [name]: value } })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS).map((method) => (d: Draft) => ({ ...d, method })) },
  ];
  if (pathCount > 0) {
    choices.push({
      weight: 3,
      arbitrary: fc.tuple(fc.nat(), hostileUrlText).map(([index, value]) => (d: Draft) => ({
        ...d,
        pathValues: d.pathValues.map((v, i) => (i === index % pathCount ? value : v)),
      })),
    });
  }
  if (queryParams.length > 0) {
    const param = fc.constantFrom(...queryParams);
    choices.push({
      weight: 4,
      arbitrary: fc
        .tuple(
          param,
          fc.oneof(
            hostileUrlText.map((v) => [v]),
            fc.array(hostileUrlText, { minLength: 2, maxLength: 60 }),
          ),
          fc.boolean(),
        )
        .map(([p, values, joined]) => (d: Draft) => {
          const key = encodeUrlComponent(p.name);
          const others = d.query.filter((pair) => !pair.startsWith(`${key}=`));
          // Already encoded (or deliberately broken): joined as they are.
          const pairs = joined ? [`${key}=${values.join(',')}`] : values.map((v) => `${key}=${v}`);
          return { ...d, query: [...others, ...pairs] };
        }),
    });
    choices.push({
      weight: 1,
      arbitrary: fc
        .tuple(param, fc.array(fc.string({ maxLength: 5 }), { minLength: 2, maxLength: 2000 }))
        .map(([p, values]) => (d: Draft) => ({ ...d, query: [...d.query, ...pairsOf(p.name, values, false)] })),
    });
  }
  if (takesBody) {
    const isMultipart = op.bodyTypes.includes('multipart/form-data');
    choices.push({
      weight: 4,
      arbitrary: (isMultipart ? hostileJsonBody(api, null) : hostileJsonBody(api, op.bodySchema)).map((body) => (d: Draft) => ({
        ...d,
        body,
      })),
    });
    choices.push({
      weight: 2,
      arbitrary: fc.constantFrom(...CONTENT_TYPES).map((contentType) => (d: Draft) => ({ ...d, contentType })),
    });
  }
  return fc.oneof(...choices);
}

/** The honest request: known records, valid parameters (some), a valid body, the current ETag. */
function honestDraft(api: FuzzApi, op: FuzzOperation, known: KnownValues): Arbitrary<Draft> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const isMultipart = op.bodyTypes.includes('multipart/form-data');
  const body: Arbitrary<{ body?: string | Uint8Array<ArrayBuffer>; contentType: string | null }> =
    op.bodyTypes.length === 0
      ? fc.constant({ contentType: null })
      : isMultipart
        ? multipartBody()
        : (op.bodySchema ? validValue(api, op.bodySchema) : fc.jsonValue({ maxDepth: 2 })).map((v) => ({
            body: JSON.stringify(v),
            contentType: 'application/json',
          }));
  const writes = op.method !== 'GET';
  return fc
    .record({
      pathValues: fc.tuple(...pathParams.map((p) => knownPathValue(op.path, p.name, known))),
      query: fc.tuple(
        ...queryParams.map((p) =>
          fc.oneof(
            { weight: p.required ? 0 : 3, arbitrary: fc.constant<string[]>([]) },
            { weight: 1, arbitrary: validPairs(api, p.name, p.schema, known) },
          ),
        ),
      ),
      body,
      persona: writes ? fc.constantFrom<Persona>('admin', 'lead', 'secretariat', 'executive') : fc.constantFrom(...PERSONAS),
    })
    .map(({ pathValues, query, body: b, persona }): Draft => ({
      method: op.method,
      pathValues,
      query: query.flat(),
      ...(b.body === undefined ? {} : { body: b.body }),
      contentType: b.contentType,
      persona,
      headers: writes ? { 'if-match': CURRENT_ETAG } : ({} satisfies Record<string, string>),
    }));
}

/** Every hostile request for one operation: an honest one with up to three hostile changes. */
export function hostileRequest(api: FuzzApi, op: FuzzOperation, known: KnownValues): Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  return fc.tuple(honestDraft(api, op, known), fc.array(mutations(api, op), { maxLength: 3 })).map(([honest, changes]) => {
    const d = changes.reduce((draft, change) => change(draft), honest);
    const path = pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, d.pathValues[i] ?? ''), op.path);
    const headers = { ...d.headers };
    // GET and HEAD cannot carry a body.
    const withBody = d.method !== 'GET' && d.method !== 'HEAD' && d.body !== undefined;
    if (withBody && d.contentType !== null) headers['content-type'] = d.contentType;
    return {
      method: d.method,
      url: d.query.length > 0 ? `${path}?${d.query.join('&')}` : path,
      persona: d.persona,
      headers,
      ...(withBody && d.body !== undefined ? { body: d.body } : {}),
    };
  });
}
