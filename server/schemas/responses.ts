import { z } from 'zod';
import { HEALTH_CODES, REPORTED_HEALTH_CODES, STATUS_CODES } from '../../common/taxonomy';
import {
  BASES,
  REVIEW_STATES,
  measureKpiFields,
  milestoneFollowUpFields,
  reportFollowUpFields,
  summaryFollowUpFields,
} from './follow-up';

// Response shapes of the API (docs/product.md §4): the single source of the types the client uses, and what
// the tests check every response against.

const status = z.enum(STATUS_CODES);
const health = z.enum(HEALTH_CODES);
const reportedHealth = z.enum(REPORTED_HEALTH_CODES);
const fraction = z.number().min(0).max(1);
/** What the figures were computed on (docs/product.md §3 "Basis"), echoed by the list and every statistic. */
const basis = z.enum(BASES);

export const taxonomyItem = z.object({ code: z.string(), nameJa: z.string(), nameEn: z.string() });
export type TaxonomyItemDto = z.infer<typeof taxonomyItem>;

export const deadlineItem = taxonomyItem.extend({ date: z.string() });
export type DeadlineDto = z.infer<typeof deadlineItem>;

/**
 * A deadline or meeting as GET /meta lists it: retired ones too, flagged, so that an old link or an
 * edition naming one still has its name; no page offers a retired one for a new choice (decision 026).
 */
export const metaDatedItem = deadlineItem.extend({ retired: z.boolean() });
export type MetaDatedItem = z.infer<typeof metaDatedItem>;

export const healthResponse = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) });

/** The health check's answer while the process drains for a restart (503; decision 020). */
export const drainingHealthResponse = z.object({ status: z.literal('draining'), database: z.enum(['sqlite', 'postgres']) });

export const metaResponse = z.object({
  fields: z.array(taxonomyItem),
  ministries: z.array(taxonomyItem),
  pillars: z.array(taxonomyItem),
  instruments: z.array(taxonomyItem),
  statuses: z.array(taxonomyItem),
  healths: z.array(taxonomyItem),
  deadlines: z.array(metaDatedItem),
  /** The next deadline in force (not retired) on or after today, else the latest one. */
  defaultDeadline: z.string().nullable(),
  /** The executives' meetings by date (docs/product.md §4 "The meeting pack"). */
  meetings: z.array(metaDatedItem),
  /** The latest meeting in force on or before today, and the first after today; null when there is none. */
  lastMeeting: z.string().nullable(),
  nextMeeting: z.string().nullable(),
  today: z.string(),
  reportingCycleDays: z.number(),
  sampleData: z.boolean(),
});
export type MetaResponse = z.infer<typeof metaResponse>;

export const measureListItem = z.object({
  code: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  leadMinistry: z.string(),
  coMinistries: z.array(z.string()),
  fields: z.array(z.string()),
  primaryField: z.string().nullable(),
  pillar: z.string(),
  instruments: z.array(z.string()),
  status,
  health,
  reportedHealth: reportedHealth.nullable(),
  stale: z.boolean(),
  progress: fraction,
  milestones: z.object({ total: z.number(), done: z.number(), overdue: z.number() }),
  /** The review state of the latest report (docs/product.md §4 "Basis"); null when never reported on. */
  review: z.enum(REVIEW_STATES).nullable(),
  targetDate: z.string().nullable(),
  lastReportedAt: z.string().nullable(),
  /** When the next status report is due (after this instant the measure is stale). */
  reportDueAt: z.string(),
  updatedAt: z.string(),
  /** The day its withdrawal (廃止) took effect when withdrawn as of the view, else null (docs/decisions/024). */
  withdrawnOn: z.string().nullable(),
});
export type MeasureListItem = z.infer<typeof measureListItem>;

/** One page of a paged list: the items, how many match in all, and which page of what size this is. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

export const measureListResponse = pageOf(measureListItem).extend({ asOf: z.string(), basis });
export type MeasureListResponse = z.infer<typeof measureListResponse>;

/**
 * One reschedule of a milestone (docs/decisions/012-due-date-history.md): the due date before and
 * after, when and by whom it was recorded, why; `slipDays` = days from the previous to the new due
 * date (negative when brought forward).
 */
export const milestoneRevisionDto = z.object({
  previousDueDate: z.string(),
  dueDate: z.string(),
  recordedAt: z.string(),
  actor: z.string(),
  reason: z.string(),
  slipDays: z.number().int(),
});
export type MilestoneRevisionDto = z.infer<typeof milestoneRevisionDto>;

export const milestoneDto = z.object({
  id: z.number(),
  titleJa: z.string(),
  titleEn: z.string(),
  baselineDueDate: z.string(),
  dueDate: z.string(),
  slipDays: z.number(),
  weight: z.number(),
  completedDate: z.string().nullable(),
  overdue: z.boolean(),
  ...milestoneFollowUpFields,
  /** The reschedules recorded by the as-of instant, oldest first. */
  revisions: z.array(milestoneRevisionDto),
});
export type MilestoneDto = z.infer<typeof milestoneDto>;

export const reportDto = z.object({
  id: z.number(),
  reportedAt: z.string(),
  reporter: z.string(),
  status,
  health: reportedHealth,
  note: z.string(),
  evidenceUrl: z.string().nullable(),
  milestonesCompleted: z.array(z.object({ milestoneId: z.number(), completedDate: z.string() })),
  // The follow-up round (docs/product.md §4): the round it answers, lateness and the review state.
  ...reportFollowUpFields,
});
export type ReportDto = z.infer<typeof reportDto>;

export const measureDetailResponse = measureListItem.extend({
  summaryJa: z.string(),
  summaryEn: z.string(),
  startDate: z.string().nullable(),
  budgetYen: z.number().nullable(),
  budgetFiscalYear: z.number().nullable(),
  ownerName: z.string(),
  kpiJa: z.string(),
  kpiEn: z.string(),
  reportingCycleDays: z.number(),
  reportDueAt: z.string(),
  createdAt: z.string(),
  version: z.number(),
  milestoneList: z.array(milestoneDto),
  reports: z.array(reportDto),
  ...measureKpiFields,
  /** The withdrawal (廃止) in force as of the view: from which day, why, when and by whom recorded. */
  withdrawal: z.object({ date: z.string(), reason: z.string(), withdrawnAt: z.string(), withdrawnBy: z.string() }).nullable(),
});
export type MeasureDetailResponse = z.infer<typeof measureDetailResponse>;

const countsByStatus = z.record(status, z.number());
const countsByHealth = z.record(health, z.number());

export const forecastDto = z.object({
  projectedProgress: fraction,
  projectedCompletionDate: z.string().nullable(),
  ratePerDay: z.number(),
  windowDays: z.number(),
  method: z.string(),
  methodJa: z.string(),
});

export const deadlineInForceDto = z.object({
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  date: z.string(),
  daysLeft: z.number(),
});

export const summaryResponse = z.object({
  asOf: z.string(),
  total: z.number(),
  byStatus: countsByStatus,
  byHealth: countsByHealth,
  stale: z.number(),
  milestones: z.object({ total: z.number(), done: z.number(), overdue: z.number() }),
  deadline: deadlineInForceDto,
  progress: fraction,
  overallProgress: fraction,
  forecast: forecastDto,
  ...summaryFollowUpFields,
});
export type SummaryResponse = z.infer<typeof summaryResponse>;

export const breakdownRow = z.object({
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  total: z.number(),
  byStatus: countsByStatus,
  byHealth: countsByHealth,
  progress: fraction,
  overallProgress: fraction,
  milestones: z.object({ total: z.number(), done: z.number(), overdue: z.number() }),
});
export type BreakdownRow = z.infer<typeof breakdownRow>;

export const breakdownResponse = z.object({
  asOf: z.string(),
  basis,
  deadline: deadlineInForceDto,
  items: z.array(breakdownRow),
});
export type BreakdownResponse = z.infer<typeof breakdownResponse>;

export const burnupResponse = z.object({
  asOf: z.string(),
  basis,
  deadline: deadlineInForceDto,
  interval: z.enum(['day', 'week']),
  stepDays: z.number(),
  totalWeight: z.number(),
  forecast: forecastDto,
  points: z.array(
    z.object({
      date: z.string(),
      planned: fraction,
      completed: fraction.nullable(),
      ideal: fraction,
      forecast: fraction.optional(),
    }),
  ),
});
export type BurnupResponse = z.infer<typeof burnupResponse>;

/**
 * One non-empty cell of the field × ministry heat map: the filtered measures that belong to both
 * the field and the ministry (lead or co-owner).
 */
export const heatmapCell = z.object({
  field: z.string(),
  ministry: z.string(),
  total: z.number().int().min(1),
  /** Measures whose effective health is off_track or stale (derived-figures.ts `isBehind`). */
  behind: z.number().int().min(0),
  /** Progress toward the deadline of the milestones of the cell's measures. */
  progress: fraction,
});
export type HeatmapCell = z.infer<typeof heatmapCell>;

export const heatmapResponse = z.object({
  asOf: z.string(),
  basis,
  deadline: deadlineInForceDto,
  /** The rows: every field, in taxonomy order, whether or not it has a cell. */
  fields: z.array(taxonomyItem),
  /** The columns: every ministry, in taxonomy order, whether or not it has a cell. */
  ministries: z.array(taxonomyItem),
  /** Only non-empty cells, by field then ministry in taxonomy order. */
  cells: z.array(heatmapCell),
});
export type HeatmapResponse = z.infer<typeof heatmapResponse>;

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;
