import { z } from 'zod';
import {
  MAX_REFERENCE_CODE_LENGTH,
  MAX_REFERENCE_NAME_LENGTH,
  REFERENCE_CODE_PATTERN,
  referenceDateProblem,
} from '../../common/reference-data';
import { EARLIEST_DATE, LATEST_DATE } from '../../common/limits';
import { CODE_PATTERN } from './query';

// Deadlines and meetings administered in the browser (docs/product.md §4,
// docs/decisions/026-reference-data-in-the-browser.md): request bodies and answers of
// /deadlines and /meetings. The rules are common/reference-data.ts's, which the page checks too.

const strict = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys' ? `unknown field: ${issue.keys.join(', ')}` : undefined,
};

/** Neither list takes query parameters; an unknown one is a 400 like everywhere else. */
export const noQuery = z.strictObject({});

/**
 * `:code` of /deadlines/:code and /meetings/:code: any code the query parameters accept, so that a row
 * written before this API (by SQL, say) can still be changed.
 */
export const referenceCodeParam = z.strictObject({ code: z.string().regex(CODE_PATTERN, 'not a valid code') });

const newCode = z
  .string()
  .max(MAX_REFERENCE_CODE_LENGTH, `must be at most ${MAX_REFERENCE_CODE_LENGTH} characters`)
  .regex(REFERENCE_CODE_PATTERN, 'must be lower-case letters and digits joined by single hyphens, e.g. summer-2028')
  .meta({ example: 'summer-2028' });

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAKS_OR_CONTROL = /[\u0000-\u001F\u007F]/;

const name = z
  .string()
  .trim()
  .max(MAX_REFERENCE_NAME_LENGTH, `must be at most ${MAX_REFERENCE_NAME_LENGTH} characters`)
  .refine((s) => !LINE_BREAKS_OR_CONTROL.test(s), 'must not contain control characters or line breaks')
  .refine((s) => s.length > 0, 'must not be empty');

const date = z
  .string()
  .refine((s) => referenceDateProblem(s) === null, `must be a real date (YYYY-MM-DD) from ${EARLIEST_DATE} to ${LATEST_DATE}`)
  .meta({ example: '2028-06-30' });

/** POST /deadlines and POST /meetings. */
export const createReferenceBody = z.strictObject({ code: newCode, nameJa: name, nameEn: name, date }, strict);
export type CreateReferenceBody = z.infer<typeof createReferenceBody>;

/** PATCH /deadlines/:code and /meetings/:code: any of these, at least one. The code never changes. */
export const updateReferenceBody = z
  .strictObject(
    {
      nameJa: name.optional(),
      nameEn: name.optional(),
      date: date.optional(),
      /** true retires it, false restores it. */
      retired: z.boolean().optional(),
    },
    strict,
  )
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of nameJa, nameEn, date, retired',
  });
export type UpdateReferenceBody = z.infer<typeof updateReferenceBody>;

export const referenceItem = z.object({
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  date: z.string(),
  retired: z.boolean(),
  /** When it was retired (ISO instant); null while in force. */
  retiredAt: z.string().nullable(),
  /** What names it: frozen editions (by deadline or meeting) and follow-up rounds (deadlines only). */
  usedBy: z.object({ editions: z.number(), rounds: z.number() }),
});
export type ReferenceItem = z.infer<typeof referenceItem>;

export const referenceListResponse = z.object({ items: z.array(referenceItem) });
export type ReferenceListResponse = z.infer<typeof referenceListResponse>;
