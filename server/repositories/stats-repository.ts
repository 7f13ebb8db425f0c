import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { MilestoneGroup } from '../domain/derived-figures';
import { filteredMeasures } from './measure-filter';
import type { ResolvedFilters } from './measure-filter';

// Aggregation queries behind /stats. They only filter and group; derived-figures.ts turns the groups
// into the figures the API returns.

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

/** Measure counts by status and health, overall (key null) or per field / ministry. */
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

/** Milestones of the filtered measures grouped by due and completion date, overall or per field / ministry. */
export async function milestoneGroups(db: Kysely<Database>, f: ResolvedFilters, by?: Dimension): Promise<KeyedMilestoneGroup[]> {
  const base = db.with('filtered', () => filteredMeasures(db, f));
  const weight = sql<number>`SUM(ms.weight)`;
  const count = sql<number>`COUNT(*)`;
  let rows: { key: number | null; due_date: string; completed_date: string | null; weight: number; n: number }[];
  if (!by) {
    rows = await base
      .selectFrom('milestones as ms')
      .where('ms.measure_id', 'in', (eb) => eb.selectFrom('filtered').select('filtered.id'))
      .select([sql<null>`NULL`.as('key'), 'ms.due_date', 'ms.completed_date', weight.as('weight'), count.as('n')])
      .groupBy(['ms.due_date', 'ms.completed_date'])
      .execute();
  } else if (by === 'field') {
    rows = await base
      .selectFrom('milestones as ms')
      .innerJoin('measure_fields as link', 'link.measure_id', 'ms.measure_id')
      .where('ms.measure_id', 'in', (eb) => eb.selectFrom('filtered').select('filtered.id'))
      .select(['link.field_id as key', 'ms.due_date', 'ms.completed_date', weight.as('weight'), count.as('n')])
      .groupBy(['link.field_id', 'ms.due_date', 'ms.completed_date'])
      .execute();
  } else {
    rows = await base
      .selectFrom('milestones as ms')
      .innerJoin('measure_ministries as link', 'link.measure_id', 'ms.measure_id')
      .where('ms.measure_id', 'in', (eb) => eb.selectFrom('filtered').select('filtered.id'))
      .select(['link.ministry_id as key', 'ms.due_date', 'ms.completed_date', weight.as('weight'), count.as('n')])
      .groupBy(['link.ministry_id', 'ms.due_date', 'ms.completed_date'])
      .execute();
  }
  return rows.map((r) => ({
    key: r.key,
    dueDate: r.due_date,
    completedDate: r.completed_date,
    weight: Number(r.weight),
    count: Number(r.n),
  }));
}
