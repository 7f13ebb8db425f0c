import { z } from 'zod';
import {
  EARLIEST_DATE,
  EARLIEST_FISCAL_YEAR,
  LATEST_DATE,
  LATEST_FISCAL_YEAR,
  MAX_CO_MINISTRIES,
  MAX_COMPLETIONS_PER_REPORT,
  MAX_FIELDS,
  MAX_INSTRUMENTS,
  MAX_KPI_LENGTH,
  MAX_MILESTONE_WEIGHT,
  MAX_NOTE_LENGTH,
  MAX_OWNER_LENGTH,
  MAX_RESCHEDULE_REASON_LENGTH,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_WITHDRAWAL_REASON_LENGTH,
  MAX_URL_LENGTH,
  isHttpUrl,
  isPlanDateInRange,
} from '../../common/limits';
import { REPORTED_HEALTH_CODES, STATUS_CODES } from '../../common/taxonomy';
import { CODE_PATTERN, isoDate, measureCodeParam, positiveInt, single, unknownParameters } from './query';
import { errorResponse, measureDetailResponse, pageOf } from './responses';

// Input and response schemas of the write API and the audit trail (docs/product.md §4). Every body is a
// strict object: an unknown key (`version`, `code`, `leadMinistry`, a typo) is a 400 naming it,
// never silently dropped or, worse, assigned (no mass assignment). Codes that live in the database
// (fields, ministries, instruments) are checked against the taxonomy by the route.

export const strict = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys' ? `unknown field: ${issue.keys.join(', ')}` : undefined,
};

// PostgreSQL refuses NUL in text (a 500) and no real text holds other control characters; tabs and
// line breaks stay allowed in free text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function freeText(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARACTERS.test(s), 'must not contain control characters');
}

// eslint-disable-next-line no-control-regex -- see CONTROL_CHARACTERS
const LINE_BREAKS_OR_CONTROL = /[\u0000-\u001F\u007F]/;

/** One line of text, trimmed (may be empty). */
export function line(max: number) {
  return z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !LINE_BREAKS_OR_CONTROL.test(s), 'must not contain control characters or line breaks');
}

/** A one-line name: trimmed, not empty. */
export function title(max: number) {
  return line(max).refine((s) => s.length > 0, 'must not be empty');
}

/** A calendar date within the range any plan could use. */
export const planDate = isoDate.refine(isPlanDateInRange, {
  message: `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
});

export function enumOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? 'is required' : `must be one of: ${values.join(', ')}`),
  });
}

/** A list of taxonomy codes without repeats. */
function codeArray(min: number, max: number) {
  return z
    .array(z.string().regex(CODE_PATTERN, 'not a valid code'))
    .min(min, `must name at least ${min}`)
    .max(max, `must name at most ${max}`)
    .refine((codes) => new Set(codes).size === codes.length, 'must not repeat a code');
}

/** An http(s) link; anything else (javascript:, data:, a bare word) is refused. */
export const evidenceUrl = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .refine(isHttpUrl, 'must be an http:// or https:// URL');

/** A KPI value: finite (JSON has no Infinity or NaN, but a number may still overflow to one). */
export const kpiValue = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number');
export const MAX_KPI_SOURCE_LENGTH = 300;
export const MAX_OBSERVATIONS_PER_REPORT = 20;

/** One observed KPI value; `observedOn` is checked against today by the write plan. */
export const kpiObservationFields = {
  value: kpiValue,
  observedOn: planDate,
  /** Where the value comes from; the KPI's own source when omitted. */
  source: line(MAX_KPI_SOURCE_LENGTH).optional(),
};
export const kpiObservationInput = z.strictObject({ kpiId: z.number().int().positive(), ...kpiObservationFields }, strict);

export const reportBody = z
  .strictObject(
    {
      status: enumOf(STATUS_CODES),
      health: enumOf(REPORTED_HEALTH_CODES),
      note: freeText(MAX_NOTE_LENGTH).default(''),
      evidenceUrl: evidenceUrl.nullable().optional(),
      milestonesCompleted: z
        .array(
          z.strictObject(
            {
              milestoneId: z.number().int().positive(),
              completedDate: isoDate,
            },
            strict,
          ),
        )
        .max(MAX_COMPLETIONS_PER_REPORT, `must list at most ${MAX_COMPLETIONS_PER_REPORT} milestones`)
        .optional(),
      /** KPI values observed, filed with the report (docs/product.md §3 "KPI progress categories"). */
      kpiObservations: z
        .array(kpiObservationInput)
        .max(MAX_OBSERVATIONS_PER_REPORT, `must list at most ${MAX_OBSERVATIONS_PER_REPORT} observations`)
        .optional(),
    },
    strict,
  )
  .superRefine((body, ctx) => {
    const seen = new Set<number>();
    (body.milestonesCompleted ?? []).forEach((m, i) => {
      if (seen.has(m.milestoneId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestonesCompleted', i, 'milestoneId'],
          message: `milestone ${m.milestoneId} is listed twice`,
        });
      }
      seen.add(m.milestoneId);
    });
    const kpis = new Set<number>();
    (body.kpiObservations ?? []).forEach((o, i) => {
      if (kpis.has(o.kpiId)) {
        ctx.addIssue({ code: 'custom', path: ['kpiObservations', i, 'kpiId'], message: `KPI ${o.kpiId} is listed twice` });
      }
      kpis.add(o.kpiId);
    });
  });
export type ReportBody = z.infer<typeof reportBody>;
/** What a client sends (defaults not yet applied). */
export type ReportInput = z.input<typeof reportBody>;

/** A measure's or milestone's titles, each changed on its own. */
const optionalTitles = {
  titleJa: title(MAX_TITLE_LENGTH).optional(),
  titleEn: title(MAX_TITLE_LENGTH).optional(),
};

/** The measure's own editable fields: every one optional in a PATCH; a registration requires some. */
const measureFields = {
  ...optionalTitles,
  summaryJa: freeText(MAX_SUMMARY_LENGTH).optional(),
  summaryEn: freeText(MAX_SUMMARY_LENGTH).optional(),
  startDate: planDate.nullable().optional(),
  targetDate: planDate.nullable().optional(),
  budgetYen: z
    .number()
    .int('must be a whole number of yen')
    .min(0, 'must not be negative')
    .max(Number.MAX_SAFE_INTEGER)
    .nullable()
    .optional(),
  budgetFiscalYear: z
    .number()
    .int('must be a year')
    .min(EARLIEST_FISCAL_YEAR, `must be ${EARLIEST_FISCAL_YEAR} or later`)
    .max(LATEST_FISCAL_YEAR, `must be ${LATEST_FISCAL_YEAR} or earlier`)
    .nullable()
    .optional(),
  kpiJa: freeText(MAX_KPI_LENGTH).optional(),
  kpiEn: freeText(MAX_KPI_LENGTH).optional(),
  ownerName: line(MAX_OWNER_LENGTH).optional(),
  /** Field codes, the primary field first. */
  fields: codeArray(1, MAX_FIELDS).optional(),
  /** Co-owning ministry codes; the lead ministry is not one of them (and is not editable). */
  coMinistries: codeArray(0, MAX_CO_MINISTRIES).optional(),
  instruments: codeArray(1, MAX_INSTRUMENTS).optional(),
};

export const measurePatchBody = z
  .strictObject(measureFields, strict)
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one field to change' });
export type MeasurePatchBody = z.infer<typeof measurePatchBody>;
export type MeasurePatchInput = z.input<typeof measurePatchBody>;

const weight = z.number().gt(0, 'must be greater than 0').max(MAX_MILESTONE_WEIGHT, `must be at most ${MAX_MILESTONE_WEIGHT}`);

export const milestoneCreateBody = z.strictObject(
  {
    titleJa: title(MAX_TITLE_LENGTH),
    titleEn: title(MAX_TITLE_LENGTH),
    dueDate: planDate,
    weight: weight.default(1),
    /** A link to the evidence of completion; a milestone needs one to be verified. */
    evidenceUrl: evidenceUrl.nullable().optional(),
  },
  strict,
);
export type MilestoneCreateBody = z.infer<typeof milestoneCreateBody>;
export type MilestoneCreateInput = z.input<typeof milestoneCreateBody>;

/** The most milestones a registration may bring; more are added one by one afterwards. */
export const MAX_MILESTONES_AT_REGISTRATION = 50;

/**
 * A new measure (POST /measures, docs/decisions/023): the fields of PATCH, with the titles, fields and
 * instruments required, plus what only a registration sets — the lead ministry and the pillar — and
 * its first milestones. The code is not sent: the server gives the next of the lead ministry.
 */
export const measureCreateBody = z.strictObject(
  {
    ...measureFields,
    titleJa: title(MAX_TITLE_LENGTH),
    titleEn: title(MAX_TITLE_LENGTH),
    fields: codeArray(1, MAX_FIELDS),
    instruments: codeArray(1, MAX_INSTRUMENTS),
    leadMinistry: z.string().regex(CODE_PATTERN, 'not a valid code'),
    pillar: z.string().regex(CODE_PATTERN, 'not a valid code'),
    milestones: z
      .array(
        z.strictObject(
          { titleJa: title(MAX_TITLE_LENGTH), titleEn: title(MAX_TITLE_LENGTH), dueDate: planDate, weight: weight.default(1) },
          strict,
        ),
      )
      .max(MAX_MILESTONES_AT_REGISTRATION, `must be at most ${MAX_MILESTONES_AT_REGISTRATION}`)
      .default([]),
  },
  strict,
);
export type MeasureCreateBody = z.infer<typeof measureCreateBody>;
export type MeasureCreateInput = z.input<typeof measureCreateBody>;

export const milestonePatchBody = z
  .strictObject(
    {
      ...optionalTitles,
      /**
       * A new due date is a reschedule: the baseline due date never changes, so the slip shows, and
       * the move is appended to the milestone's revision log (docs/decisions/012-due-date-history.md).
       */
      dueDate: planDate.optional(),
      /** Why the due date moved, kept with the revision ('' when absent); nothing else is recorded with it. */
      reason: freeText(MAX_RESCHEDULE_REASON_LENGTH).optional(),
      weight: weight.optional(),
      evidenceUrl: evidenceUrl.nullable().optional(),
    },
    strict,
  )
  // A reason alone changes nothing: it goes with a new due date.
  .refine((body) => Object.keys(body).some((k) => k !== 'reason'), { message: 'name at least one field to change' });
export type MilestonePatchBody = z.infer<typeof milestonePatchBody>;
export type MilestonePatchInput = z.input<typeof milestonePatchBody>;

/**
 * A withdrawal (廃止) or a restoration of a measure (docs/decisions/024): why, and from which JST day
 * (today when omitted; never after today, never before the measure existed, checked by the service).
 */
export const withdrawalBody = z.strictObject(
  {
    reason: freeText(MAX_WITHDRAWAL_REASON_LENGTH).refine((s) => s.trim().length > 0, 'must not be empty'),
    date: isoDate.optional(),
  },
  strict,
);
export type WithdrawalBody = z.infer<typeof withdrawalBody>;
export type WithdrawalInput = z.input<typeof withdrawalBody>;

/** The secretariat's decision on a reported completion (docs/product.md §3 "Verified milestones"). */
export const MAX_DECISION_COMMENT_LENGTH = 2000;
export const milestoneVerificationBody = z
  .strictObject(
    {
      decision: enumOf(['verify', 'reject'] as const),
      comment: freeText(MAX_DECISION_COMMENT_LENGTH).optional(),
    },
    strict,
  )
  .superRefine((body, ctx) => {
    if (body.decision === 'reject' && (body.comment ?? '').trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'is required when rejecting: say what the ministry must fix' });
    }
  });
export type MilestoneVerificationBody = z.infer<typeof milestoneVerificationBody>;

export const milestoneParam = measureCodeParam.extend({
  id: z
    .string()
    .regex(/^\d{1,12}$/, 'must be a milestone id (a whole number)')
    .transform(Number),
});

// ── Audit trail ───────────────────────────────────────────────────────────────────────────────

export const MAX_AUDIT_PAGE_SIZE = 200;
export const DEFAULT_AUDIT_PAGE_SIZE = 50;

export const auditQuery = z.strictObject(
  {
    /** An entity code (a measure code matches its milestones' rows and its reports' reviews too). */
    entity: single(z.string().trim().min(1).max(200)).optional(),
    entityType: single(z.string().regex(CODE_PATTERN, 'not a valid entity type')).optional(),
    /** The actor's email. */
    actor: single(z.string().trim().min(1).max(254)).optional(),
    /** First JST day, inclusive. */
    from: single(isoDate).optional(),
    /** Last JST day, inclusive. */
    to: single(isoDate).optional(),
    page: single(positiveInt(1_000_000)).optional(),
    pageSize: single(positiveInt(MAX_AUDIT_PAGE_SIZE)).optional(),
  },
  unknownParameters,
);
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntryDto = z.object({
  id: z.number(),
  /** ISO instant (UTC). */
  occurredAt: z.string(),
  actor: z.object({ email: z.string(), role: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityCode: z.string(),
  /** The entity before the change (a measure detail without its report log, or a milestone); null on creation. */
  before: z.unknown(),
  /** The entity after the change. */
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof auditEntryDto>;

export const auditListResponse = pageOf(auditEntryDto);
export type AuditListResponse = z.infer<typeof auditListResponse>;

/** 412 on a stale `If-Match`: the error and the measure as it is now (its ETag is in the header). */
export const preconditionFailedResponse = errorResponse.extend({ current: measureDetailResponse });
export type PreconditionFailedResponse = z.infer<typeof preconditionFailedResponse>;
