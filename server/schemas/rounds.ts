import { z } from 'zod';
import { isIsoDate } from '../../common/calendar';
import { MAX_TITLE_LENGTH } from '../../common/limits';
import { CODE_PATTERN, unknownParameters } from './query';

// Inputs of the rounds (照会) API (docs/product.md §4, "The follow-up round"); the responses are in
// follow-up.ts. Ministry, field and deadline codes are checked against the taxonomy by the service.

const strict = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys' ? `unknown field: ${issue.keys.join(', ')}` : undefined,
};

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAKS_OR_CONTROL = /[\u0000-\u001F\u007F]/;

const roundTitle = z
  .string()
  .trim()
  .max(MAX_TITLE_LENGTH, `must be at most ${MAX_TITLE_LENGTH} characters`)
  .refine((s) => !LINE_BREAKS_OR_CONTROL.test(s), 'must not contain control characters or line breaks')
  .refine((s) => s.length > 0, 'must not be empty');

/** An ISO instant with its offset (`2026-12-01T09:00:00+09:00`, `…Z`). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A JST day (`YYYY-MM-DD`) or an instant with an offset; the service turns both into an ISO instant. */
const roundTime = z
  .string()
  .refine((s) => isIsoDate(s) || (INSTANT.test(s) && isIsoDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s))), {
    message: 'must be a date (YYYY-MM-DD, a day in Japan) or an ISO instant with an offset',
  })
  .meta({ description: 'A day in Japan (YYYY-MM-DD) or an ISO instant with an offset', example: '2026-12-01' });

const codeArray = (max: number) =>
  z
    .array(z.string().regex(CODE_PATTERN, 'not a valid code'))
    .max(max, `must name at most ${max}`)
    .refine((codes) => new Set(codes).size === codes.length, 'must not repeat a code');

export const roundCreateBody = z.strictObject(
  {
    code: z.string().regex(CODE_PATTERN, 'must be lower-case letters, digits, - or _ (at most 64, e.g. 2026-autumn)'),
    titleJa: roundTitle,
    titleEn: roundTitle,
    /** A day means the start of that day in Japan. */
    opensAt: roundTime,
    /** A day means the end of that day in Japan. */
    dueAt: roundTime,
    /** Lead ministries asked; omitted or empty: every ministry. */
    ministries: codeArray(50).optional(),
    /** Fields asked about; omitted or empty: every field. */
    fields: codeArray(50).optional(),
    /** The deadline the round reports toward. */
    deadline: z.string().regex(CODE_PATTERN, 'not a valid code').nullable().optional(),
  },
  strict,
);
export type RoundCreateBody = z.infer<typeof roundCreateBody>;

export const roundCodeParam = z.object({ code: z.string().regex(CODE_PATTERN, 'not a valid round code') });

/** The rounds' reads take no query parameters: an unknown one is a 400, never silently ignored. */
export const noQuery = z.strictObject({}, unknownParameters);
