import { z } from 'zod';
import { BASES } from './follow-up';
import { CODE_PATTERN, enumList, filterShape, isoDate, nonNegativeInt, positiveInt, single, unknownParameters } from './query';
import { deadlineInForceDto, deadlineItem, taxonomyItem } from './responses';

// The meeting pack (docs/product.md §4 "The meeting pack"): schedule slippage, meetings and the
// editions frozen for them, what changed between two instants, and the coverage matrices. Inputs
// and responses both live here; responses.ts holds the shapes the live statistics share.

const fraction = z.number().min(0).max(1);
const basis = z.enum(BASES);

// ---------------------------------------------------------------------------------------------
// Slippage: GET /stats/slippage?by=field|ministry

export const slippageQuery = z.strictObject(
  {
    ...filterShape,
    by: single(z.enum(['field', 'ministry'])).optional(),
  },
  unknownParameters,
);
export type SlippageQuery = z.infer<typeof slippageQuery>;

/**
 * Reschedules of the milestones in a group, as known at the as-of instant. A milestone is
 * rescheduled when it has at least one revision by then; it has slipped when its due date then is
 * later than its baseline, by that many days.
 */
const slippageCounts = {
  /** Milestones of the group's measures. */
  milestones: z.number().int(),
  /** Milestones with at least one revision by the as-of instant. */
  rescheduled: z.number().int(),
  /** Milestones whose due date (as of) is later than their baseline. */
  slipped: z.number().int(),
  /** Σ days slipped over the slipped milestones. */
  slipDaysTotal: z.number().int(),
  /** The median days slipped over the slipped milestones; null when none slipped. */
  slipDaysMedian: z.number().nullable(),
  /** slipped / milestones (0 when there are no milestones). */
  shareSlipped: fraction,
};

export const slippageResponse = z.object({
  asOf: z.string(),
  basis,
  by: z.enum(['field', 'ministry']),
  totals: z.object(slippageCounts),
  /** Every field or ministry in taxonomy order (lead or co-owner for ministries), zeros included. */
  items: z.array(taxonomyItem.extend(slippageCounts)),
});
export type SlippageResponse = z.infer<typeof slippageResponse>;

// ---------------------------------------------------------------------------------------------
// Editions: POST /editions, GET /editions, GET /editions/:code, GET /editions/:code/<view>

/** The views an edition freezes, each in the shape of its live endpoint. */
export const EDITION_VIEWS = ['summary', 'by-field', 'by-ministry', 'heatmap', 'burnup', 'kpi', 'measures'] as const;
export type EditionView = (typeof EDITION_VIEWS)[number];

/** The filters an edition is made with: the statistics' query (list filters, basis, deadline), no asOf. */
const editionFilterValue = z.union([z.string(), z.array(z.string())]);
export const createEditionBody = z.strictObject({
  code: z.string().regex(CODE_PATTERN, 'not a valid code (lower-case letters, digits, - and _)'),
  /** The meeting's code (GET /meta `meetings`). */
  meeting: z.string().regex(CODE_PATTERN, 'not a valid code'),
  /** The as-of date (JST); today when omitted. */
  asOf: isoDate.optional(),
  /** Stats query parameters (field, ministry, status, health, pillar, instrument, q, basis, deadline). */
  filters: z.record(z.string(), editionFilterValue).optional(),
});
export type CreateEditionBody = z.infer<typeof createEditionBody>;

export const editionCodeParam = z.object({ code: z.string().regex(CODE_PATTERN, 'not a valid edition code') });

export const editionDto = z.object({
  code: z.string(),
  meeting: deadlineItem,
  asOf: z.string(),
  /** The instant the as-of date stood for when the edition was made. */
  asOfInstant: z.string(),
  deadline: z.string(),
  basis,
  /** The normalised filters: parameter name → codes (or the one value), as the stats query takes them. */
  filters: z.record(z.string(), z.array(z.string())),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The views stored, in EDITION_VIEWS order. */
  views: z.array(z.enum(EDITION_VIEWS)),
});
export type EditionDto = z.infer<typeof editionDto>;

export const editionListResponse = z.object({ items: z.array(editionDto) });
export type EditionListResponse = z.infer<typeof editionListResponse>;

/** GET /editions, GET /editions/:code and the views other than kpi and measures take no parameters. */
export const editionNoQuery = z.strictObject({}, unknownParameters);

/** GET /editions/:code/kpi: the KPI categories by field (default) or by ministry, both frozen. */
export const editionKpiQuery = z.strictObject({ by: single(z.enum(['field', 'ministry'])).optional() }, unknownParameters);

/** GET /editions/:code/measures pages the frozen list in its stored order (most behind first). */
export const editionMeasuresQuery = z.strictObject(
  {
    page: single(positiveInt(1_000_000)).optional(),
    pageSize: single(positiveInt(500)).optional(),
  },
  unknownParameters,
);

// ---------------------------------------------------------------------------------------------
// Changes: GET /changes?from=…&to=…

/** A date (YYYY-MM-DD, JST) or an edition's code. */
const dateOrEdition = single(
  z.string().regex(/^(\d{4}-\d{2}-\d{2}|[a-z0-9][a-z0-9_-]{0,63})$/, 'must be a date or an edition code'),
);

const changesShape = {
  ...filterShape,
  from: dateOrEdition.optional(),
  to: dateOrEdition.optional(),
  /** The language of titles in exports of the changes (ignored by the JSON). */
  lang: single(z.enum(['ja', 'en'])).optional(),
};

/** The changes' ends and filters: what the export takes (every item, never a page of them). */
export const changesQuery = z.strictObject(changesShape, unknownParameters);
export type ChangesQuery = z.infer<typeof changesQuery>;

export const CHANGE_KINDS = [
  'status_changed',
  'health_improved',
  'health_worsened',
  'milestone_completed',
  'milestone_slipped',
  'newly_overdue',
  'newly_stale',
  'measure_added',
  'kpi_category_changed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * GET /changes answers at most `limit` items of each kind (docs/decisions/027-changes-paged-by-kind.md):
 * five months at 100,000 measures are some 221,000 items, 96 MB of JSON. The counts stay whole.
 */
export const CHANGES_DEFAULT_LIMIT = 100;
export const CHANGES_MAX_LIMIT = 1000;

export const changesPageQuery = z.strictObject(
  {
    ...changesShape,
    /** Only these kinds' items (the counts keep every kind). */
    kind: enumList(CHANGE_KINDS).optional(),
    /** Items per kind, 0–1000 (0: the counts alone); 100 when omitted. */
    limit: single(nonNegativeInt(CHANGES_MAX_LIMIT)).optional(),
    /** Items of each kind to skip first, in the answer's order. */
    offset: single(nonNegativeInt(10_000_000)).optional(),
  },
  unknownParameters,
);
export type ChangesPageQuery = z.infer<typeof changesPageQuery>;

/** One end of the comparison: the instant, the JST date, and the edition / meeting it came from. */
export const changeEnd = z.object({
  instant: z.string(),
  date: z.string(),
  edition: z.string().nullable(),
  meeting: z.string().nullable(),
});

export const changeItem = z.object({
  kind: z.enum(CHANGE_KINDS),
  measure: z.object({
    code: z.string(),
    titleJa: z.string(),
    titleEn: z.string(),
    leadMinistry: z.string(),
    coMinistries: z.array(z.string()),
    fields: z.array(z.string()),
    primaryField: z.string().nullable(),
  }),
  /** When the change happened (an instant, or a date for completions and overdue). */
  date: z.string(),
  /** Before and after: status or health codes, due or completion dates, KPI categories; null when absent. */
  before: z.string().nullable(),
  after: z.string().nullable(),
  milestone: z.object({ id: z.number(), titleJa: z.string(), titleEn: z.string() }).nullable(),
  kpi: z.object({ id: z.number(), nameJa: z.string(), nameEn: z.string() }).nullable(),
  /** For milestone_slipped: days between the due date before and after (negative when brought forward). */
  slipDays: z.number().int().nullable(),
});
export type ChangeItem = z.infer<typeof changeItem>;

const counts = z.object(Object.fromEntries(CHANGE_KINDS.map((k) => [k, z.number().int()])) as Record<ChangeKind, z.ZodNumber>);

export const changesResponse = z.object({
  from: changeEnd,
  to: changeEnd,
  basis,
  counts,
  /**
   * By kind in CHANGE_KINDS order, then by measure code, then by date: of each kind asked for, at most
   * `page.limit` items after the first `page.offset`.
   */
  items: z.array(changeItem),
  /** The window the items are: the kinds asked for (all by default), items per kind and the skipped ones. */
  page: z.object({ kinds: z.array(z.enum(CHANGE_KINDS)), limit: z.number().int(), offset: z.number().int() }),
  /** Of each kind, how many of its `counts` are not in `items` (before, after or outside the window). */
  omitted: counts,
});
export type ChangesResponse = z.infer<typeof changesResponse>;

// ---------------------------------------------------------------------------------------------
// Coverage: GET /stats/matrix?rows=field&cols=instrument|pillar|ministry, rows=ministry&cols=ministry

export const MATRIX_ROWS = ['field', 'ministry'] as const;
export const MATRIX_COLS = ['instrument', 'pillar', 'ministry'] as const;

export const matrixQuery = z.strictObject(
  {
    ...filterShape,
    deadline: single(z.string().regex(CODE_PATTERN, 'not a valid code')).optional(),
    rows: single(z.enum(MATRIX_ROWS, { error: () => `must be one of: ${MATRIX_ROWS.join(', ')}` })),
    cols: single(z.enum(MATRIX_COLS, { error: () => `must be one of: ${MATRIX_COLS.join(', ')}` })),
  },
  unknownParameters,
);
export type MatrixQuery = z.infer<typeof matrixQuery>;

export const matrixCell = z.object({
  row: z.string(),
  col: z.string(),
  total: z.number().int().min(1),
  /** Measures whose effective health is off_track or stale. */
  behind: z.number().int().min(0),
  /** Progress toward the deadline of the milestones of the cell's measures. */
  progress: fraction,
});
export type MatrixCell = z.infer<typeof matrixCell>;

export const matrixResponse = z.object({
  asOf: z.string(),
  basis,
  deadline: deadlineInForceDto,
  rowKind: z.enum(MATRIX_ROWS),
  colKind: z.enum(MATRIX_COLS),
  /** Every row and column in taxonomy order, whether or not it has a cell. */
  rows: z.array(taxonomyItem),
  cols: z.array(taxonomyItem),
  /** Only non-empty cells, by row then column in taxonomy order. */
  cells: z.array(matrixCell),
});
export type MatrixResponse = z.infer<typeof matrixResponse>;
