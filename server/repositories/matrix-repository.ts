import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { MatrixMilestoneGroup, MatrixStateCount } from '../domain/breakdowns';
import { milestoneDateClasses, milestoneExistedSql } from './compressed-dates';
import { knownDueDates } from './due-date-history-sql';
import { withFilteredMeasures } from './measure-filter';
import type { ResolvedFilters } from './measure-filter';

// The coverage matrices of docs/product.md §4 `/stats/matrix`, and the heat map, which is the field ×
// ministry one: two cell queries with the two link joins as parameters. A measure counts once in
// every (row, column) pair of its links on the two axes.

/** An axis of a matrix: which taxonomy item a measure belongs to, and through which link. */
export type MatrixAxis = 'field' | 'instrument' | 'pillar' | 'ministry';

/**
 * (measure_id, key) rows linking each measure to its items on the axis: any of its fields, any of its
 * instruments, its one pillar, or its lead and co-ministries (measure_ministries holds the lead as
 * well, so one link covers both roles).
 */
function axisLinks(db: Kysely<Database>, axis: MatrixAxis) {
  switch (axis) {
    case 'field':
      return db.selectFrom('measure_fields').select(['measure_id', 'field_id as key']);
    case 'instrument':
      return db.selectFrom('measure_instruments').select(['measure_id', 'instrument_id as key']);
    case 'ministry':
      return db.selectFrom('measure_ministries').select(['measure_id', 'ministry_id as key']);
    case 'pillar':
      return db.selectFrom('measures').select(['id as measure_id', 'pillar_id as key']);
  }
}

export interface MatrixAxes {
  rows: MatrixAxis;
  cols: MatrixAxis;
}

/**
 * Measure counts by status and effective health per (row, column) cell, each filtered measure once
 * per cell. With ministry × ministry the diagonal (a, a) holds every measure of a and (a, b) the
 * measures a and b both own. Empty cells have no rows.
 */
export async function matrixStateCounts(db: Kysely<Database>, f: ResolvedFilters, axes: MatrixAxes): Promise<MatrixStateCount[]> {
  // Materialized (withFilteredMeasures): each measure fans out to several cells, and SQLite otherwise
  // re-evaluates the inlined filter, including the as-of state look-up, per cell row.
  const rows = await withFilteredMeasures(db, f)
    .selectFrom('filtered as fl')
    .innerJoin(axisLinks(db, axes.rows).as('lr'), 'lr.measure_id', 'fl.id')
    .innerJoin(axisLinks(db, axes.cols).as('lc'), 'lc.measure_id', 'fl.id')
    .select(['lr.key as row_id', 'lc.key as col_id', 'fl.status', 'fl.health', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['lr.key', 'lc.key', 'fl.status', 'fl.health'])
    .execute();
  return rows.map((r) => ({
    rowId: Number(r.row_id),
    colId: Number(r.col_id),
    status: r.status,
    health: r.health,
    n: Number(r.n),
  }));
}

/**
 * Milestones of the filtered measures grouped per (row, column) cell by compressed due and
 * completion dates, grouped per measure first and only then fanned out to the measure's cells, so
 * that the date compression runs once per milestone rather than once per milestone and cell. As of a
 * past day only the milestones then in the plan count (docs/decisions/012-due-date-history.md).
 */
export async function matrixMilestoneGroups(
  db: Kysely<Database>,
  f: ResolvedFilters,
  axes: MatrixAxes,
  options: { deadline: string },
): Promise<MatrixMilestoneGroup[]> {
  const { due, completed } = milestoneDateClasses({
    deadline: options.deadline,
    asOf: f.asOf,
    basis: f,
  });
  const perMeasure = withFilteredMeasures(db, f)
    .selectFrom('filtered as fl')
    .innerJoin('milestones as ms', 'ms.measure_id', 'fl.id')
    .$if(f.historical, (qb) => qb.leftJoin(knownDueDates(f.asOfInstant), (join) => join.onRef('dk.milestone_id', '=', 'ms.id')))
    .where(milestoneExistedSql(f))
    .select([
      'ms.measure_id',
      due.as('due'),
      completed.as('completed'),
      sql<number>`SUM(ms.weight)`.as('weight'),
      sql<number>`COUNT(*)`.as('n'),
    ])
    .groupBy(['ms.measure_id', 'due', 'completed']);
  const rows = await db
    .selectFrom(perMeasure.as('g'))
    .innerJoin(axisLinks(db, axes.rows).as('lr'), 'lr.measure_id', 'g.measure_id')
    .innerJoin(axisLinks(db, axes.cols).as('lc'), 'lc.measure_id', 'g.measure_id')
    .select([
      'lr.key as row_id',
      'lc.key as col_id',
      'g.due',
      'g.completed',
      sql<number>`SUM(g.weight)`.as('weight'),
      sql<number>`SUM(g.n)`.as('n'),
    ])
    .groupBy(['lr.key', 'lc.key', 'g.due', 'g.completed'])
    .execute();
  return rows.map((r) => ({
    rowId: Number(r.row_id),
    colId: Number(r.col_id),
    dueDate: r.due,
    completedDate: r.completed,
    weight: Number(r.weight),
    count: Number(r.n),
  }));
}
