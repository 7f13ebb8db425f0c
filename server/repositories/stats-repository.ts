import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import { addDays } from '../domain/calendar';
import type { MilestoneGroup } from '../domain/derived-figures';
import { filteredMeasures } from './measure-filter';
import type { ResolvedFilters } from './measure-filter';

// Aggregation queries behind /stats. They only filter and group; derived-figures.ts turns the groups
// into the figures the API returns (docs/decisions/004-figures-over-milestone-groups.md).

export interface StateCount {
  key: number | null;
  status: string;
  health: string;
  n: number;
}

export interface KeyedMilestoneGroup extends MilestoneGroup {
  key: number | null;
}

export type Dimension = 'field' | 'ministry';

/** Measure counts by status and effective health, overall (key null) or per field / ministry. */
export async function stateCounts(db: Kysely<Database>, f: ResolvedFilters, by?: Dimension): Promise<StateCount[]> {
  const base = db.with('filtered', () => filteredMeasures(db, f));
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

export interface GroupingOptions {
  by?: Dimension;
  /** derived-figures.ts `comparisonDates` for the request. */
  boundaries: readonly string[];
  /** Which date to keep exact; the other (or both, when omitted) is compressed. */
  exact?: 'due' | 'completed';
}

/**
 * Milestones of the filtered measures grouped by (key,) due date and completion date, with dates
 * compressed to their classes relative to the boundaries so that ten thousand measures give a few
 * dozen groups rather than tens of thousands. The join starts from the filtered measures so that
 * SQLite walks the (measure_id, …) covering index instead of probing the filter for every milestone.
 */
export async function milestoneGroups(db: Kysely<Database>, f: ResolvedFilters, options: GroupingOptions): Promise<KeyedMilestoneGroup[]> {
  const dueDate = sql<string>`ms.due_date`;
  const completedDate = sql<string | null>`ms.completed_date`;
  const due = options.exact === 'due' ? dueDate : compressDateSql(dueDate, options.boundaries);
  const completed = options.exact === 'completed' ? completedDate : compressDateSql(completedDate, options.boundaries);
  const base = db.with('filtered', () => filteredMeasures(db, f));
  const inner =
    options.by === 'field'
      ? base
          .selectFrom('filtered as fl')
          .innerJoin('milestones as ms', 'ms.measure_id', 'fl.id')
          .innerJoin('measure_fields as link', 'link.measure_id', 'fl.id')
          .select(['link.field_id as key', due.as('due'), completed.as('completed'), 'ms.weight'])
      : options.by === 'ministry'
        ? base
            .selectFrom('filtered as fl')
            .innerJoin('milestones as ms', 'ms.measure_id', 'fl.id')
            .innerJoin('measure_ministries as link', 'link.measure_id', 'fl.id')
            .select(['link.ministry_id as key', due.as('due'), completed.as('completed'), 'ms.weight'])
        : base
            .selectFrom('filtered as fl')
            .innerJoin('milestones as ms', 'ms.measure_id', 'fl.id')
            .select([sql<number | null>`NULL`.as('key'), due.as('due'), completed.as('completed'), 'ms.weight']);
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

// ---------------------------------------------------------------------------------------------
// Field × ministry cells (the heat map)

/** A (field, ministry) pair: one cell of the heat map. */
export interface CellKey {
  fieldId: number;
  ministryId: number;
}

export interface CellStateCount extends CellKey {
  status: string;
  health: string;
  n: number;
}

export interface CellMilestoneGroup extends MilestoneGroup, CellKey {}

/**
 * The filtered measures paired with every (field, ministry) they belong to: fields × {lead and
 * co-ministries}. measure_ministries holds the lead as well, so one join covers both roles, and a
 * measure counts once in each of its cells, as in the by-field and by-ministry breakdowns.
 */
function filteredCells(db: Kysely<Database>, f: ResolvedFilters) {
  return db
    .with('filtered', () => filteredMeasures(db, f))
    .selectFrom('filtered as fl')
    .innerJoin('measure_fields as lf', 'lf.measure_id', 'fl.id')
    .innerJoin('measure_ministries as lm', 'lm.measure_id', 'fl.id');
}

/** Measure counts by status and effective health per (field, ministry) cell; empty cells have no rows. */
export async function cellStateCounts(db: Kysely<Database>, f: ResolvedFilters): Promise<CellStateCount[]> {
  const rows = await filteredCells(db, f)
    .select(['lf.field_id', 'lm.ministry_id', 'fl.status', 'fl.health', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['lf.field_id', 'lm.ministry_id', 'fl.status', 'fl.health'])
    .execute();
  return rows.map((r) => ({ fieldId: Number(r.field_id), ministryId: Number(r.ministry_id), status: r.status, health: r.health, n: Number(r.n) }));
}

/**
 * Milestones of the filtered measures grouped per (field, ministry) cell by compressed due and
 * completion dates, as `milestoneGroups` does per field or ministry: the figures a cell shows
 * (progress toward the deadline) need only the class of each date relative to the boundaries.
 */
export async function cellMilestoneGroups(
  db: Kysely<Database>,
  f: ResolvedFilters,
  options: Pick<GroupingOptions, 'boundaries'>,
): Promise<CellMilestoneGroup[]> {
  const due = compressDateSql(sql<string>`ms.due_date`, options.boundaries);
  const completed = compressDateSql(sql<string | null>`ms.completed_date`, options.boundaries);
  const inner = filteredCells(db, f)
    .innerJoin('milestones as ms', 'ms.measure_id', 'fl.id')
    .select(['lf.field_id as field_id', 'lm.ministry_id as ministry_id', due.as('due'), completed.as('completed'), 'ms.weight']);
  const rows = await db
    .selectFrom(inner.as('g'))
    .select(['g.field_id', 'g.ministry_id', 'g.due', 'g.completed', sql<number>`SUM(g.weight)`.as('weight'), sql<number>`COUNT(*)`.as('n')])
    .groupBy(['g.field_id', 'g.ministry_id', 'g.due', 'g.completed'])
    .execute();
  return rows.map((r) => ({
    fieldId: Number(r.field_id),
    ministryId: Number(r.ministry_id),
    dueDate: r.due,
    completedDate: r.completed,
    weight: Number(r.weight),
    count: Number(r.n),
  }));
}
