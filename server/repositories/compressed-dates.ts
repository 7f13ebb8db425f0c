import { sql } from 'kysely';
import type { RawBuilder, SqlBool } from 'kysely';
import { addDays } from '../../common/calendar';
import { comparisonDates } from '../domain/derived-figures';
import { knownDueDateSql } from './due-date-history-sql';
import { completionOnBasisSql } from './measure-filter';
import type { ResolvedFilters } from './measure-filter';

// How the statistics queries group milestones by date classes instead of by thousands of distinct
// dates (docs/decisions/004-figures-over-milestone-groups.md). A tuning detail of the SQL: callers
// name the deadline and as-of date the figures are for, and the boundaries are derived here.

/**
 * SQL of derived-figures.ts `compressDate`: maps a date column to its class representative relative
 * to the sorted boundaries (NULL stays NULL). tests/server/date-compression.test.ts holds them together.
 */
export function compressDateSql<T extends string | null>(column: RawBuilder<T>, boundaries: readonly string[]): RawBuilder<T> {
  const first = boundaries[0];
  if (first === undefined) return column;
  const branches = [sql`WHEN ${column} IS NULL THEN NULL`, sql`WHEN ${column} < ${first} THEN ${addDays(first, -1)}`];
  boundaries.forEach((b, i) => {
    branches.push(sql`WHEN ${column} = ${b} THEN ${b}`);
    const next = boundaries[i + 1];
    if (next !== undefined) branches.push(sql`WHEN ${column} < ${next} THEN ${addDays(b, 1)}`);
  });
  const last = boundaries[boundaries.length - 1] ?? first;
  return sql<T>`CASE ${sql.join(branches, sql` `)} ELSE ${addDays(last, 1)} END`;
}

export interface DateClassOptions {
  /** The deadline date the figures compare with. */
  deadline: string;
  /** The as-of date (JST) the figures are for. */
  asOf: string;
  /** Which date to keep exact; the other (or both, when omitted) is compressed. */
  exact?: 'due' | 'completed';
  /**
   * Which completions count (docs/product.md §3 "Basis"), and which due dates: as of a past day the
   * one known then (`historical`; docs/decisions/012-due-date-history.md).
   */
  basis: Pick<ResolvedFilters, 'basis' | 'asOfInstant' | 'historical'>;
}

/**
 * The milestone's due and completion dates (`ms.`), each compressed unless it is the exact one. The
 * completion is the one that counts on the basis (NULL when it does not), so every grouping built
 * on these classes counts on the basis.
 */
export function milestoneDateClasses({ deadline, asOf, exact, basis }: DateClassOptions) {
  const boundaries = comparisonDates(deadline, asOf);
  const instant = dueDateInstant(basis);
  const completedDate = completionOnBasisSql(basis);
  const map = exact === 'due' ? (d: RawBuilder<string>) => d : (d: RawBuilder<string>) => compressDateSql(d, boundaries);
  return {
    // As of a past day the query LEFT JOINs `knownDueDates` as `dk` (due-date-history-sql.ts).
    due: map(instant === null ? sql<string>`ms.due_date` : knownDueDateSql()),
    completed: exact === 'completed' ? completedDate : compressDateSql(completedDate, boundaries),
  };
}

/**
 * The instant at which due dates are read (docs/decisions/012-due-date-history.md): as of a past day
 * its end, so that a reschedule recorded later is not known yet; today null, the current due date
 * with no look-up in the revision log.
 */
export function dueDateInstant(f: Pick<ResolvedFilters, 'historical' | 'asOfInstant'>): string | null {
  return f.historical ? f.asOfInstant : null;
}

/**
 * Whether the milestone `ms` existed at the view's instant: as of a past day a milestone added
 * later was not in the plan yet (docs/decisions/012-due-date-history.md); today every milestone.
 */
export function milestoneExistedSql(f: Pick<ResolvedFilters, 'historical' | 'asOfInstant'>): RawBuilder<SqlBool> {
  return f.historical ? sql<SqlBool>`ms.created_at <= ${f.asOfInstant}` : sql<SqlBool>`1 = 1`;
}
