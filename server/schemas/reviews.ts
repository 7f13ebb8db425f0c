import { z } from 'zod';
import { REVIEW_STATES, reportQueueItem } from './follow-up';
import { CODE_PATTERN, MAX_PAGE_SIZE, filterShape, measureCodeParam, positiveInt, single, unknownParameters } from './query';
import { errorResponse } from './responses';

// Inputs of the review of reports (差し戻し, docs/product.md §4 "The follow-up round"); the queue's
// shapes are in follow-up.ts.

const strict = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys' ? `unknown field: ${issue.keys.join(', ')}` : undefined,
};

export const MAX_REVIEW_COMMENT_LENGTH = 2000;
export const DEFAULT_QUEUE_PAGE_SIZE = 50;

// eslint-disable-next-line no-control-regex -- PostgreSQL refuses NUL; tabs and line breaks stay allowed
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const booleanParam = z
  .enum(['true', 'false'], { error: () => 'must be true or false' })
  .transform((v) => v === 'true')
  .pipe(z.boolean());

export const reportQueueQuery = z.strictObject(
  {
    review: single(z.enum(REVIEW_STATES, { error: () => `must be one of: ${REVIEW_STATES.join(', ')}` })).optional(),
    /** Only each measure's latest report (default true). */
    latest: single(booleanParam).optional(),
    round: single(z.string().regex(CODE_PATTERN, 'not a valid round code')).optional(),
    ministry: filterShape.ministry,
    field: filterShape.field,
    measure: single(measureCodeParam.shape.code).optional(),
    page: single(positiveInt(1_000_000)).optional(),
    pageSize: single(positiveInt(MAX_PAGE_SIZE)).optional(),
  },
  unknownParameters,
);
export type ReportQueueQuery = z.infer<typeof reportQueueQuery>;

export const reportIdParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a report id (a whole number)')
    .transform(Number),
});

export const reviewBody = z
  .strictObject(
    {
      decision: z.enum(['accept', 'return'], { error: () => 'must be accept or return' }),
      /** To the ministry; required when returning. */
      comment: z
        .string()
        .trim()
        .max(MAX_REVIEW_COMMENT_LENGTH, `must be at most ${MAX_REVIEW_COMMENT_LENGTH} characters`)
        .refine((s) => !CONTROL_CHARACTERS.test(s), 'must not contain control characters')
        .optional(),
    },
    strict,
  )
  .superRefine((body, ctx) => {
    if (body.decision === 'return' && !body.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'is required when returning a report (say what to clarify)' });
    }
  });
export type ReviewBody = z.infer<typeof reviewBody>;

/** 412: the report was reviewed meanwhile (or the ETag is not its current one); the item as it is now. */
export const reviewConflictResponse = errorResponse.extend({ current: reportQueueItem });
export type ReviewConflictResponse = z.infer<typeof reviewConflictResponse>;
