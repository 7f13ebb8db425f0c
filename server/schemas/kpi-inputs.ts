import { z } from 'zod';
import { MAX_TITLE_LENGTH } from '../../common/limits';
import { KPI_CATEGORIES, KPI_DIRECTIONS } from './follow-up';
import { filterShape, measureCodeParam, positiveInt, single, unknownParameters } from './query';
import {
  enumOf,
  freeText,
  kpiObservationFields,
  kpiValue,
  line,
  MAX_DECISION_COMMENT_LENGTH,
  MAX_KPI_SOURCE_LENGTH,
  planDate,
  strict,
  title,
} from './writes';

// Inputs of the structured KPIs and the follow-up queues (docs/product.md §4 "KPIs", "Verified
// milestones"): strict bodies and queries, like every other write and list of the API.

export const MAX_KPI_UNIT_LENGTH = 50;

const kpiShape = {
  nameJa: title(MAX_TITLE_LENGTH),
  nameEn: title(MAX_TITLE_LENGTH),
  /** 件, %, 億円…; may be empty for a plain count or ratio. */
  unit: line(MAX_KPI_UNIT_LENGTH),
  direction: enumOf(KPI_DIRECTIONS),
  baselineValue: kpiValue,
  baselineDate: planDate,
  targetValue: kpiValue,
  targetDate: planDate,
  /** Where the figures come from (a statistic, a survey). */
  source: line(MAX_KPI_SOURCE_LENGTH),
};

/** A new KPI; that its target lies in its direction from its baseline is checked with the stored state on PATCH too. */
export const kpiCreateBody = z.strictObject(kpiShape, strict);
export type KpiCreateBody = z.infer<typeof kpiCreateBody>;

export const kpiPatchBody = z
  .strictObject(
    {
      nameJa: kpiShape.nameJa.optional(),
      nameEn: kpiShape.nameEn.optional(),
      unit: kpiShape.unit.optional(),
      direction: kpiShape.direction.optional(),
      baselineValue: kpiValue.optional(),
      baselineDate: planDate.optional(),
      targetValue: kpiValue.optional(),
      targetDate: planDate.optional(),
      source: kpiShape.source.optional(),
    },
    strict,
  )
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one field to change' });
export type KpiPatchBody = z.infer<typeof kpiPatchBody>;

export const kpiObservationBody = z.strictObject(kpiObservationFields, strict);
export type KpiObservationBody = z.infer<typeof kpiObservationBody>;

const idParam = z
  .string()
  .regex(/^\d{1,12}$/, 'must be an id (a whole number)')
  .transform(Number);

export const kpiParam = measureCodeParam.extend({ id: idParam });
export const kpiIdParam = z.object({ id: idParam });

/** The secretariat's category for a KPI, judged against the latest observation it saw. */
export const kpiCategoryBody = z.strictObject(
  {
    category: enumOf(KPI_CATEGORIES),
    /** Required (non-empty) when the category differs from the computed one. */
    reason: freeText(MAX_DECISION_COMMENT_LENGTH),
    observationId: z.number().int().positive().nullable(),
  },
  strict,
);
export type KpiCategoryBody = z.infer<typeof kpiCategoryBody>;

export const MAX_QUEUE_PAGE_SIZE = 200;
export const DEFAULT_QUEUE_PAGE_SIZE = 50;

const queueShape = {
  field: filterShape.field,
  ministry: filterShape.ministry,
  page: single(positiveInt(1_000_000)).optional(),
  pageSize: single(positiveInt(MAX_QUEUE_PAGE_SIZE)).optional(),
};

export const kpiQueueQuery = z.strictObject(
  { confirmation: single(z.enum(['pending', 'confirmed'])).optional(), ...queueShape },
  unknownParameters,
);
export type KpiQueueQuery = z.infer<typeof kpiQueueQuery>;

export const verificationQueueQuery = z.strictObject(
  { verification: single(z.enum(['pending', 'verified'])).optional(), ...queueShape },
  unknownParameters,
);
export type VerificationQueueQuery = z.infer<typeof verificationQueueQuery>;

export const kpiStatsQuery = z.strictObject(
  {
    ...filterShape,
    by: single(z.enum(['field', 'ministry'])).optional(),
  },
  unknownParameters,
);
export type KpiStatsQuery = z.infer<typeof kpiStatsQuery>;

// Kept for the API document's descriptions of the two queues' own parameters.
export const QUEUE_PARAMETER_DESCRIPTIONS = {
  confirmation:
    'pending (default): no confirmation in force (none, or made against an older observation); confirmed: one in force',
  verification: 'pending (default): reported complete, not verified; verified: verified complete',
  by: 'Rows per field (default) or per ministry, lead or co-owner',
} as const;
