// The input limits a write must meet. The server's schemas enforce them (server/schemas/writes.ts);
// the forms check the same numbers beside each field before sending, so a user meets the rule where
// they type, not after a round trip. One definition, so the two can never disagree.

/** The range of calendar dates any plan may use (start, target and due dates). */
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-12-31';

/** Fiscal years a budget may name. */
export const EARLIEST_FISCAL_YEAR = 2000;
export const LATEST_FISCAL_YEAR = 2100;

/** A measure's or milestone's title, in either language. */
export const MAX_TITLE_LENGTH = 300;
export const MAX_SUMMARY_LENGTH = 4000;
export const MAX_KPI_LENGTH = 2000;
export const MAX_OWNER_LENGTH = 200;

/** A status report's note and evidence link. */
export const MAX_NOTE_LENGTH = 4000;
export const MAX_URL_LENGTH = 2000;
/** Why a milestone's due date moved, kept with its revision (docs/decisions/012-due-date-history.md). */
export const MAX_RESCHEDULE_REASON_LENGTH = 500;
/** Why a measure was withdrawn (廃止) or restored (docs/decisions/024). */
export const MAX_WITHDRAWAL_REASON_LENGTH = 2000;
/** Milestones one report may mark completed. */
export const MAX_COMPLETIONS_PER_REPORT = 200;

/** How many fields, co-owning ministries and instruments one measure may name. */
export const MAX_FIELDS = 5;
export const MAX_CO_MINISTRIES = 20;
export const MAX_INSTRUMENTS = 8;

/** A milestone's weight: more than 0, at most this. */
export const MAX_MILESTONE_WEIGHT = 100;

/** True for a plan date within the allowed range (the caller has checked it is a real date). */
export function isPlanDateInRange(date: string): boolean {
  return date >= EARLIEST_DATE && date <= LATEST_DATE;
}

/** An http:// or https:// link that parses; anything else (javascript:, data:, a bare word) is not. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value) && URL.canParse(value);
}

/** A milestone weight the server accepts. */
export function isValidWeight(weight: number): boolean {
  return Number.isFinite(weight) && weight > 0 && weight <= MAX_MILESTONE_WEIGHT;
}
