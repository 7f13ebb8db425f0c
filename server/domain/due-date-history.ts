import { daysBetween } from '../../common/calendar';

// A milestone's due date as known at an instant (docs/decisions/012-due-date-history.md). Every
// reschedule appends a revision (previous due date → new due date, recorded at an instant); the
// first due date is the baseline. So the due date known at an instant is the previous due date of
// the first revision recorded after it, or the current due date when none was recorded after it.
// The SQL of the statistics (repositories/due-date-history-sql.ts) mirrors this function;
// tests hold the two together.

export interface DueDateRevision {
  previousDueDate: string;
  dueDate: string;
  recordedAt: string;
}

/** The due date known at `instant`; `revisions` of this one milestone in log (id) order, which breaks ties. */
export function dueDateAsOf(currentDueDate: string, revisions: readonly DueDateRevision[], instant: string): string {
  let first: DueDateRevision | null = null;
  for (const r of revisions) {
    if (r.recordedAt > instant && (first === null || r.recordedAt < first.recordedAt)) first = r;
  }
  return first === null ? currentDueDate : first.previousDueDate;
}

/** Days a due date has slipped past the baseline (0 when on or before it). */
export function slipDaysOf(baselineDueDate: string, dueDate: string): number {
  return Math.max(0, daysBetween(baselineDueDate, dueDate));
}
