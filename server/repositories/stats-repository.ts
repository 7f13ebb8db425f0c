import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { KeyedMilestoneGroup, KeyedStateCount } from '../domain/breakdowns';
import type { VerifiableMilestoneGroup } from '../domain/derived-figures';
import type { SlippageGroup } from '../domain/slippage';
import { milestoneDateClasses, milestoneExistedSql } from './compressed-dates';
import { knownDueDateSql, knownDueDates } from './due-date-history-sql';
import type { DateClassOptions } from './compressed-dates';
import { completionOnBasisSql, withFilteredMeasures } from './measure-filter';
import type { ResolvedFilters } from './measure-filter';
import type { Basis } from '../schemas/follow-up';

// Aggregation queries behind /stats. They only filter and group; derived-figures.ts turns the groups
// into the figures the API returns (docs/decisions/004-figures-over-milestone-groups.md).

export type Dimension = 'field' | 'ministry';

/** Measure counts by status and effective health, overall (key null) or per field / ministry. */
export async function stateCounts(db: Kysely<Database>, f: ResolvedFilters, by?: Dimension): Promise<KeyedStateCount[]> {
  const base = withFilteredMeasures(db, f);
  if (!by) {
    const rows = await base
      .selectFrom('filtered')
      .select(['status', 'health', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['status', 'health'])
      .execute();
    return rows.map((r) => ({ key: null, status: r.status, health: r.health, n: Number(r.n) }));
  }
  const rows =
    by === 'field'
      ? await base
          .selectFrom('filtered as fl')
          .innerJoin('measure_fields as link', 'link.measure_id', 'fl.id')
          .select(['link.field_id as key', 'fl.status', 'fl.health', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(['link.field_id', 'fl.status', 'fl.health'])
          .execute()
      : await base
          .selectFrom('filtered as fl')
          .innerJoin('measure_ministries as link', 'link.measure_id', 'fl.id')
          .select(['link.ministry_id as key', 'fl.status', 'fl.health', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(['link.ministry_id', 'fl.status', 'fl.health'])
          .execute();
  return rows.map((r) => ({ key: r.key, status: r.status, health: r.health, n: Number(r.n) }));
}

export interface GroupingOptions extends Omit<DateClassOptions, 'asOf' | 'basis'> {
  by?: Dimension;
  /**
   * Which completions count, when not those of the filters' basis: the summary's verified figure
   * beside a reported one (docs/product.md §4 `progressByBasis`).
   */
  completion?: Basis;
}

/**
 * Milestones of the filtered measures grouped by (key,) due date and completion date, with dates
 * compressed to their classes relative to the deadline and as-of date (compressed-dates.ts) so that ten thousand measures give a few
 * dozen groups rather than tens of thousands. The join starts from the filtered measures so that
 * SQLite walks the (measure_id, …) covering index instead of probing the filter for every milestone.
 */
export async function milestoneGroups(
  db: Kysely<Database>,
  f: ResolvedFilters,
  options: GroupingOptions,
): Promise<KeyedMilestoneGroup[]> {
  const { due, completed } = milestoneDateClasses({
    deadline: options.deadline,
    asOf: f.asOf,
    exact: options.exact,
    basis: { basis: options.completion ?? f.basis, asOfInstant: f.asOfInstant, historical: f.historical },
  });
  // As of a past day, only the milestones in the plan then (docs/decisions/012-due-date-history.md).
  const existed = milestoneExistedSql(f);
  const joined = withFilteredMeasures(db, f)
    .selectFrom('filtered as fl')
    .innerJoin('milestones as ms', 'ms.measure_id', 'fl.id')
    .$if(f.historical, (qb) => qb.leftJoin(knownDueDates(f.asOfInstant), (join) => join.onRef('dk.milestone_id', '=', 'ms.id')));
  const inner =
    options.by === 'field'
      ? joined
          .innerJoin('measure_fields as link', 'link.measure_id', 'fl.id')
          .select(['link.field_id as key', due.as('due'), completed.as('completed'), 'ms.weight'])
          .where(existed)
      : options.by === 'ministry'
        ? joined
            .innerJoin('measure_ministries as link', 'link.measure_id', 'fl.id')
            .select(['link.ministry_id as key', due.as('due'), completed.as('completed'), 'ms.weight'])
            .where(existed)
        : joined
            .select([sql<number | null>`NULL`.as('key'), due.as('due'), completed.as('completed'), 'ms.weight'])
            .where(existed);
  const rows = await db
    .selectFrom(inner.as('g'))
    .select(['g.key', 'g.due', 'g.completed', sql<number>`SUM(g.weight)`.as('weight'), sql<number>`COUNT(*)`.as('n')])
    .groupBy(['g.key', 'g.due', 'g.completed'])
    .execute();
  return rows.map((r) => ({
    key: r.key === null ? null : Number(r.key),
    dueDate: r.due,
    completedDate: r.completed,
    weight: Number(r.weight),
    count: Number(r.n),
  }));
}

/**
 * The filtered measures' milestones grouped as `milestoneGroups` does without a key, on every reported
 * completion, with one more column: whether the completion had been verified by the as-of instant
 * (`completionOnBasisSql` for the verified basis). The summary derives its reported and verified
 * figures from this one scan (domain `groupsByCompletion`) instead of grouping the milestones twice.
 */
export async function verifiableMilestoneGroups(
  db: Kysely<Database>,
  f: ResolvedFilters,
  options: Omit<GroupingOptions, 'by' | 'completion'>,
): Promise<VerifiableMilestoneGroup[]> {
  const { due, completed } = milestoneDateClasses({
    deadline: options.deadline,
    asOf: f.asOf,
    exact: options.exact,
    basis: { basis: 'reported', asOfInstant: f.asOfInstant, historical: f.historical },
  });
  const verified = sql<number>`CASE WHEN ms.completed_date IS NOT NULL AND ${completionOnBasisSql({ basis: 'verified', asOfInstant: f.asOfInstant })} IS NOT NULL THEN 1 ELSE 0 END`;
  const inner = withFilteredMeasures(db, f)
    .selectFrom('filtered as fl')
    .innerJoin('milestones as ms', 'ms.measure_id', 'fl.id')
    .$if(f.historical, (qb) => qb.leftJoin(knownDueDates(f.asOfInstant), (join) => join.onRef('dk.milestone_id', '=', 'ms.id')))
    .select([due.as('due'), completed.as('completed'), verified.as('verified'), 'ms.weight'])
    .where(milestoneExistedSql(f));
  const rows = await db
    .selectFrom(inner.as('g'))
    .select(['g.due', 'g.completed', 'g.verified', sql<number>`SUM(g.weight)`.as('weight'), sql<number>`COUNT(*)`.as('n')])
    .groupBy(['g.due', 'g.completed', 'g.verified'])
    .execute();
  return rows.map((r) => ({
    dueDate: r.due,
    completedDate: r.completed,
    verified: Number(r.verified) === 1,
    weight: Number(r.weight),
    count: Number(r.n),
  }));
}

// ---------------------------------------------------------------------------------------------
// Schedule slippage (GET /stats/slippage)

/**
 * The filtered measures' milestones (in the plan at the as-of instant) grouped by key (field or
 * ministry, lead or co-owner; null without `by`), whether a revision was recorded by the instant,
 * and — for milestones whose due date known then is later than the baseline — the two dates; the
 * others collapse to one group each, so the rows number about the slipped milestones (a minority).
 * Days are counted in the domain (server/domain/slippage.ts): the dialects share no date arithmetic.
 */
export async function slippageGroups(db: Kysely<Database>, f: ResolvedFilters, by?: Dimension): Promise<SlippageGroup[]> {
  // Whether a revision was recorded by the instant, joined like the due date (one pass over the
  // revisions instead of a probe per milestone, which PostgreSQL costed into JIT compilation).
  const rescheduled = sql<number>`CASE WHEN rr.milestone_id IS NULL THEN 0 ELSE 1 END`;
  const revisedBy = sql<{
    milestone_id: number;
  }>`(SELECT DISTINCT rv.milestone_id FROM milestone_revisions rv WHERE rv.recorded_at <= ${f.asOfInstant})`.as('rr');
  const due = f.historical ? knownDueDateSql() : sql<string>`ms.due_date`;
  const joined = withFilteredMeasures(db, f)
    .selectFrom('filtered as fl')
    .innerJoin('milestones as ms', 'ms.measure_id', 'fl.id')
    .leftJoin(revisedBy, (join) => join.onRef('rr.milestone_id', '=', 'ms.id'))
    .$if(f.historical, (qb) => qb.leftJoin(knownDueDates(f.asOfInstant), (join) => join.onRef('dk.milestone_id', '=', 'ms.id')));
  const columns = [rescheduled.as('rescheduled'), 'ms.baseline_due_date as baseline', due.as('due')] as const;
  const inner =
    by === 'field'
      ? joined
          .innerJoin('measure_fields as link', 'link.measure_id', 'fl.id')
          .select(['link.field_id as key', ...columns])
          .where(milestoneExistedSql(f))
      : by === 'ministry'
        ? joined
            .innerJoin('measure_ministries as link', 'link.measure_id', 'fl.id')
            .select(['link.ministry_id as key', ...columns])
            .where(milestoneExistedSql(f))
        : joined.select([sql<number | null>`NULL`.as('key'), ...columns]).where(milestoneExistedSql(f));
  const slippedBaseline = sql<string | null>`CASE WHEN g.due > g.baseline THEN g.baseline END`;
  const slippedDue = sql<string | null>`CASE WHEN g.due > g.baseline THEN g.due END`;
  const rows = await db
    .selectFrom(inner.as('g'))
    .select([
      'g.key',
      'g.rescheduled',
      slippedBaseline.as('baseline_due_date'),
      slippedDue.as('due_date'),
      sql<number>`COUNT(*)`.as('n'),
    ])
    .groupBy(['g.key', 'g.rescheduled', slippedBaseline, slippedDue])
    .execute();
  return rows.map((r) => ({
    key: r.key === null ? null : Number(r.key),
    rescheduled: Number(r.rescheduled) === 1,
    baselineDueDate: r.baseline_due_date,
    dueDate: r.due_date,
    count: Number(r.n),
  }));
}
