import type { ColumnType, Generated } from 'kysely';

// The one Database interface of the project. Dates are ISO-8601 text in both dialects
// ('YYYY-MM-DD' for calendar dates, 'YYYY-MM-DDTHH:mm:ss.sssZ' for instants) so that comparisons,
// sorting and the values the API returns are identical on SQLite and PostgreSQL
// (docs/decisions/002-iso-text-dates.md). Booleans are 0/1 integers for the same reason.

type CreatedAt = ColumnType<string, string, never>;

interface TaxonomyTable {
  id: Generated<number>;
  code: string;
  name_ja: string;
  name_en: string;
  sort_order: number;
}

export type FieldsTable = TaxonomyTable;
export type MinistriesTable = TaxonomyTable;
export type PillarsTable = TaxonomyTable;
export type InstrumentsTable = TaxonomyTable;

export interface DeadlinesTable extends TaxonomyTable {
  date: string;
  /** When an administrator retired it (ISO instant); null while in force. Never deleted (decision 026). */
  retired_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MeasuresTable {
  id: Generated<number>;
  code: string;
  title_ja: string;
  title_en: string;
  summary_ja: string;
  summary_en: string;
  lead_ministry_id: number;
  pillar_id: number;
  /** Current lifecycle status: the status of the latest report (or the initial status). */
  status: string;
  /** Current reported health: the health of the latest report, null before the first report. */
  health: string | null;
  start_date: string | null;
  target_date: string | null;
  budget_yen: number | null;
  budget_fiscal_year: number | null;
  owner_name: string;
  kpi_ja: string;
  kpi_en: string;
  reporting_cycle_days: number;
  last_reported_at: string | null;
  /** When the next report is due: the latest report's next_report_due_at, or created_at before any report. */
  report_due_at: string;
  /** Lower-cased, NFKC-normalised code + titles + summaries + KPI, for `q` search. */
  search_text: string;
  created_at: CreatedAt;
  updated_at: string;
  version: number;
  /**
   * The day its standing withdrawal (廃止) took effect, NULL when it stands in the plan: the open
   * period of measure_withdrawals, repeated here for today's filter (docs/decisions/024).
   */
  withdrawn_on: Generated<string | null>;
}

export interface MeasureFieldsTable {
  measure_id: number;
  field_id: number;
  is_primary: number;
}

export interface MeasureMinistriesTable {
  measure_id: number;
  ministry_id: number;
  /** 'lead' or 'co'; the lead is stored here too so one join answers "lead or co-owner". */
  role: string;
}

export interface MeasureInstrumentsTable {
  measure_id: number;
  instrument_id: number;
}

export interface MilestonesTable {
  id: Generated<number>;
  measure_id: number;
  title_ja: string;
  title_en: string;
  /** The due date as first planned; kept so that slips show. */
  baseline_due_date: string;
  due_date: string;
  weight: number;
  completed_date: string | null;
  sort_order: number;
  created_at: CreatedAt;
  updated_at: string;
  /** A link to the evidence of completion; a milestone needs one to be verified. */
  evidence_url: string | null;
  /** When the secretariat verified the current completion; cleared whenever the completion changes. */
  verified_at: string | null;
  /** The email of who verified it. */
  verified_by: string | null;
}

export interface StatusReportsTable {
  id: Generated<number>;
  measure_id: number;
  reported_at: string;
  reporter: string;
  status: string;
  health: string;
  note: string;
  evidence_url: string | null;
  /** reported_at + the measure's reporting cycle: after this instant the measure is stale. */
  next_report_due_at: string;
  created_at: CreatedAt;
  /** The round (照会) this report answers: open when it was filed, with the measure in its scope. */
  round_id: number | null;
}

/**
 * Derived from status_reports (kept by a trigger in the inserting transaction): each report's state
 * with the range of instants it is the measure's latest report, [valid_from, valid_to), valid_to the
 * next report's reported_at or 9999-12-31T23:59:59.999Z (docs/decisions/018-state-as-of-by-range.md).
 */
export interface ReportStateIntervalsTable {
  measure_id: number;
  valid_to: string;
  report_id: number;
  valid_from: string;
  status: string;
  health: string;
  next_report_due_at: string;
}

export interface ReportMilestonesTable {
  report_id: number;
  milestone_id: number;
  completed_date: string;
}

export interface SeedRunsTable {
  name: string;
  reference_date: string;
  seeded_at: string;
}

/** One withdrawal (廃止) of a measure, from the day it took effect to its restoration (docs/decisions/024). */
export interface MeasureWithdrawalsTable {
  id: Generated<number>;
  measure_id: number;
  /** JST calendar dates: out of the figures as of withdrawn_on, back in as of restored_on. */
  withdrawn_on: string;
  reason: string;
  withdrawn_at: string;
  withdrawn_by: number;
  restored_on: string | null;
  restore_reason: string | null;
  restored_at: string | null;
  restored_by: number | null;
}

/** The last number given to a new measure of each lead ministry (docs/decisions/023). */
export interface MeasureCodeCountersTable {
  ministry_id: number;
  last_number: number;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: string;
  ministry_id: number | null;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** 1 while the user holds a one-time password they must change at their next sign-in (migration 2026-12-03-003). */
  must_change_password: Generated<number>;
  /** When they last signed in successfully (ISO instant); null before the first time. */
  last_sign_in_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  attempted_at: string;
  success: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: string;
  actor_user_id: number | null;
  actor_email: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_code: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

/** A survey-form upload: its checked dry run, kept until applied or expired (24 h). */
export interface ImportsTable {
  id: string;
  uploader_user_id: number;
  /** The ministry whose form it is; null for an administrator's upload naming none. */
  ministry: string | null;
  file_name: string;
  lang: string;
  row_count: number;
  unchanged: number;
  changes_json: string;
  errors_json: string;
  conflicts_json: string;
  created_at: string;
  expires_at: string;
  applied_at: string | null;
}

/** A call for reports (照会) with a due date, over a scope of ministries and fields. */
export interface RoundsTable {
  id: Generated<number>;
  code: string;
  title_ja: string;
  title_en: string;
  /** Instants: the round takes reports from opens_at until it is closed; those after due_at are late. */
  opens_at: string;
  due_at: string;
  /** The deadline the round reports toward, if any. */
  deadline_id: number | null;
  created_by_user_id: number | null;
  created_at: string;
  closed_at: string | null;
  closed_by_user_id: number | null;
}

/** A round's lead-ministry scope; no rows means every ministry. */
export interface RoundMinistriesTable {
  round_id: number;
  ministry_id: number;
}

/** A round's field scope; no rows means every field. */
export interface RoundFieldsTable {
  round_id: number;
  field_id: number;
}

/** The secretariat's review of one report (append-only, at most one per report). */
export interface ReportReviewsTable {
  report_id: number;
  decision: 'accepted' | 'returned';
  /** Required when returned: what the ministry must clarify. */
  comment: string;
  reviewer_user_id: number | null;
  reviewer_email: string;
  reviewed_at: string;
}

/** Every verification or rejection of a milestone's completion (append-only). */
export interface MilestoneVerificationsTable {
  id: Generated<number>;
  milestone_id: number;
  decision: 'verified' | 'rejected';
  comment: string;
  /** The completion date that was judged. */
  completed_date: string;
  evidence_url: string | null;
  actor_user_id: number | null;
  actor_email: string;
  decided_at: string;
}

export interface KpisTable {
  id: Generated<number>;
  measure_id: number;
  name_ja: string;
  name_en: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline_value: number;
  baseline_date: string;
  target_value: number;
  target_date: string;
  source: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

/** A KPI value as of a date (append-only; the latest observed_on, then the latest id, is in force). */
export interface KpiObservationsTable {
  id: Generated<number>;
  kpi_id: number;
  /** The report it was filed with, if any. */
  report_id: number | null;
  value: number;
  observed_on: string;
  source: string;
  recorded_by: string;
  created_at: string;
}

/** The secretariat's category for a KPI, judged against one observation (append-only). */
export interface KpiCategoryConfirmationsTable {
  id: Generated<number>;
  kpi_id: number;
  observation_id: number | null;
  category: 'A' | 'B' | 'N';
  /** The pacing rule's category at the time, kept beside the judgement. */
  computed_category: 'A' | 'B' | 'N';
  /** Required when category differs from computed_category. */
  reason: string;
  actor_user_id: number | null;
  actor_email: string;
  confirmed_at: string;
}

/** One reschedule of a milestone (append-only); the first due date is the milestone's baseline. */
export interface MilestoneRevisionsTable {
  id: Generated<number>;
  milestone_id: number;
  previous_due_date: string;
  due_date: string;
  recorded_at: string;
  /** Who moved it; empty for revisions recorded before the log existed. */
  actor_email: string;
  reason: string;
}

/** A meeting of the executives, configured like a deadline. */
export interface MeetingsTable extends TaxonomyTable {
  date: string;
  /** When an administrator retired it (ISO instant); null while in force. Never deleted (decision 026). */
  retired_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** What was presented at a meeting, frozen (the database refuses UPDATE and DELETE). */
export interface EditionsTable {
  id: Generated<number>;
  code: string;
  meeting_id: number;
  /** The as-of calendar date (JST) and the instant it stands for. */
  as_of: string;
  as_of_instant: string;
  deadline_code: string;
  basis: string;
  /** The normalised statistics query the edition was made with. */
  filters_json: string;
  created_by_user_id: number | null;
  created_by_email: string;
  created_at: string;
}

/** One frozen response of an edition: `view` is summary, by-field, … (append-only). */
export interface EditionViewsTable {
  edition_id: number;
  view: string;
  body_json: string;
}

/**
 * The one-row counter of changes (docs/decisions/019-data-version-cache.md): `version` moves with
 * every transaction that changes what the API shows, `reference_version` with the taxonomy,
 * deadlines and meetings. Triggers keep it; nothing writes it directly.
 */
export interface DataVersionTable {
  id: number;
  /** bigint: PostgreSQL hands it over as text. */
  version: number | string;
  reference_version: number | string;
}

export interface Database {
  fields: FieldsTable;
  ministries: MinistriesTable;
  pillars: PillarsTable;
  instruments: InstrumentsTable;
  deadlines: DeadlinesTable;
  measures: MeasuresTable;
  measure_code_counters: MeasureCodeCountersTable;
  measure_withdrawals: MeasureWithdrawalsTable;
  measure_fields: MeasureFieldsTable;
  measure_ministries: MeasureMinistriesTable;
  measure_instruments: MeasureInstrumentsTable;
  milestones: MilestonesTable;
  status_reports: StatusReportsTable;
  report_state_intervals: ReportStateIntervalsTable;
  report_milestones: ReportMilestonesTable;
  seed_runs: SeedRunsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  imports: ImportsTable;
  rounds: RoundsTable;
  round_ministries: RoundMinistriesTable;
  round_fields: RoundFieldsTable;
  report_reviews: ReportReviewsTable;
  milestone_verifications: MilestoneVerificationsTable;
  kpis: KpisTable;
  kpi_observations: KpiObservationsTable;
  kpi_category_confirmations: KpiCategoryConfirmationsTable;
  milestone_revisions: MilestoneRevisionsTable;
  meetings: MeetingsTable;
  editions: EditionsTable;
  edition_views: EditionViewsTable;
  data_version: DataVersionTable;
}
