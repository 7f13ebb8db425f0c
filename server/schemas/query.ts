import { z } from 'zod';
import { isIsoDate } from '../../common/calendar';
import { HEALTH_CODES, STATUS_CODES } from '../../common/taxonomy';
import { BASES } from './follow-up';

// Input schemas of the API (docs/product.md §4). Syntax is checked here; codes that live in the database
// (fields, ministries, pillars, instruments, deadlines) are resolved in server/filters.ts.

export const MAX_PAGE_SIZE = 500;
export const MAX_QUERY_LENGTH = 200;
const MAX_CODES_PER_FILTER = 50;

export const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A filter given as `?x=a&x=b`, `?x=a,b` or both; always an array of distinct, trimmed codes. */
const codeList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()))].filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(CODE_PATTERN, 'not a valid code'))
      .max(MAX_CODES_PER_FILTER, `at most ${MAX_CODES_PER_FILTER} codes`),
  );

export function enumList<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      [...new Set((Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()))].filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { error: () => `must be one of: ${values.join(', ')}` })));
}

// `format` is metadata for the API document (server/openapi/) only; it changes no validation.
export const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'must be a real date in YYYY-MM-DD form' })
  .meta({ format: 'date' });

/** No measure predates the initiative; an earlier as-of date is a typo, not a question. */
export const EARLIEST_AS_OF = '2020-01-01';
const asOfDate = isoDate.refine((d) => d >= EARLIEST_AS_OF, { message: `must be on or after ${EARLIEST_AS_OF}` });

/** Rejects a repeated single-valued parameter instead of silently taking one of the values. */
export function single<T extends z.ZodType<unknown, string>>(schema: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .pipe(z.string({ error: 'must be given once' }))
    .pipe(schema);
}

export const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(max, `must be at most ${max}`));

/** A count that may be zero (an offset, or a limit where none is a valid answer). */
export const nonNegativeInt = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().max(max, `must be at most ${max}`));

export const WITHDRAWN_FILTERS = ['exclude', 'include', 'only'] as const;

export const filterShape = {
  field: codeList.optional(),
  ministry: codeList.optional(),
  status: enumList(STATUS_CODES).optional(),
  health: enumList(HEALTH_CODES).optional(),
  pillar: codeList.optional(),
  instrument: codeList.optional(),
  // 共管府省庁: the measure is ALSO owned (lead or co) by one of these ministries (docs/product.md §4
  // filters), so that `ministry=a&partner=b` lists the measures a and b share (省庁間連携).
  partner: codeList.optional(),
  q: single(
    z
      .string()
      .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
      // PostgreSQL rejects NUL in text (a 500) and SQLite's LIKE stops at it (matching everything):
      // control characters other than whitespace are never part of a real search, so refuse them.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'must not contain control characters'),
  ).optional(),
  asOf: single(asOfDate).optional(),
  // What the figures are computed on (docs/product.md §3 "Basis"); `reported` when omitted.
  basis: single(z.enum(BASES, { error: () => `must be one of: ${BASES.join(', ')}` })).optional(),
  // Withdrawn measures (廃止, docs/decisions/024): out of lists and figures unless asked for; `exclude` when omitted.
  withdrawn: single(z.enum(WITHDRAWN_FILTERS, { error: () => `must be one of: ${WITHDRAWN_FILTERS.join(', ')}` })).optional(),
};

// `behind`: most behind first (derived-figures.ts `compareBehind`); `-behind` is its exact reverse.
export const SORT_KEYS = [
  'code',
  'title',
  'status',
  'health',
  'progress',
  'targetDate',
  'updatedAt',
  'ministry',
  'behind',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** Query objects refuse unknown parameters, naming them (a typo is a 400, never silently ignored). */
export const unknownParameters = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys' ? `unknown parameter: ${issue.keys.join(', ')}` : undefined,
};

/** The language of titles, headers and messages: Japanese unless `en` is asked for. */
export const langParam = single(z.enum(['ja', 'en'])).optional();

const SORT_VALUES = SORT_KEYS.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];

export const measureListQuery = z.strictObject(
  {
    ...filterShape,
    sort: single(z.enum(SORT_VALUES, { error: () => `must be one of: ${SORT_VALUES.join(', ')}` })).optional(),
    page: single(positiveInt(1_000_000)).optional(),
    pageSize: single(positiveInt(MAX_PAGE_SIZE)).optional(),
    lang: langParam,
  },
  unknownParameters,
);
export type MeasureListQuery = z.infer<typeof measureListQuery>;

export const statsQuery = z.strictObject(
  {
    ...filterShape,
    deadline: single(z.string().regex(CODE_PATTERN, 'not a valid code')).optional(),
  },
  unknownParameters,
);
export type StatsQuery = z.infer<typeof statsQuery>;

export const measureDetailQuery = z.strictObject({ asOf: filterShape.asOf }, unknownParameters);
export type MeasureDetailQuery = z.infer<typeof measureDetailQuery>;

export const measureCodeParam = z.object({
  // Sample codes look like METI-0012; synthetic ones like METI-S000123.
  code: z.string().regex(/^[A-Za-z]{2,10}-[A-Za-z]?\d{1,6}$/, 'not a valid measure code (e.g. METI-0012)'),
});
