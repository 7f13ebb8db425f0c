import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../db/schema';

// The raw-SQL floor of each dashboard call (docs/benchmarks.md): the least SQL that computes the same
// figure directly — state counts from `measures`, one pass of conditional sums over the milestones
// joined to their measures, grouped by what the call groups by — run through the app's own Kysely
// connection. Written once, in SQL both dialects run unchanged. It is a floor, not a second
// implementation: it leaves out what the service adds (basis variants, date classes, empty rows),
// so the API/floor ratio says how much the app costs over the cheapest possible reading.

export interface FloorScope {
  fieldId?: number;
  ministryId?: number;
  status?: string;
  /** Text in the search column (the list's `q`). */
  q?: string;
}

export interface FloorDates {
  /** The as-of date (today, or the past day asked). */
  asOf: string;
  /** End of that day as an instant, for the log tables; null for today (the current state). */
  asOfInstant: string | null;
  deadline: string;
}

type Db = Kysely<Database>;

/**
 * The scope's conditions on the measure aliased `m`, each preceded by AND. A field or ministry is an
 * IN over its link table's (code, measure) index: an EXISTS per milestone made the floor of
 * `summary field=quantum` slower than the app on SQLite.
 */
function scopeSql(s: FloorScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (s.fieldId !== undefined)
    parts.push(sql`AND m.id IN (SELECT sf.measure_id FROM measure_fields sf WHERE sf.field_id = ${s.fieldId})`);
  if (s.ministryId !== undefined)
    parts.push(sql`AND m.id IN (SELECT sm.measure_id FROM measure_ministries sm WHERE sm.ministry_id = ${s.ministryId})`);
  if (s.status !== undefined) parts.push(sql`AND m.status = ${s.status}`);
  if (s.q !== undefined) parts.push(sql`AND m.search_text LIKE ${`%${s.q}%`}`);
  return sql.join(parts, sql` `);
}

/** What a call groups by: nothing, a field, a ministry, or a pair (heat map and matrices). */
export type FloorGrouping = 'none' | 'field' | 'ministry' | 'field-ministry' | 'field-instrument' | 'ministry-ministry';

function groupJoin(g: FloorGrouping): { join: RawBuilder<unknown>; keys: RawBuilder<unknown> | null } {
  switch (g) {
    case 'none':
      return { join: sql``, keys: null };
    case 'field':
      return { join: sql`JOIN measure_fields gf ON gf.measure_id = m.id`, keys: sql`gf.field_id` };
    case 'ministry':
      return { join: sql`JOIN measure_ministries gm ON gm.measure_id = m.id`, keys: sql`gm.ministry_id` };
    case 'field-ministry':
      return {
        join: sql`JOIN measure_fields gf ON gf.measure_id = m.id JOIN measure_ministries gm ON gm.measure_id = m.id`,
        keys: sql`gf.field_id, gm.ministry_id`,
      };
    case 'field-instrument':
      return {
        join: sql`JOIN measure_fields gf ON gf.measure_id = m.id JOIN measure_instruments gi ON gi.measure_id = m.id`,
        keys: sql`gf.field_id, gi.instrument_id`,
      };
    case 'ministry-ministry':
      return {
        join: sql`JOIN measure_ministries gm ON gm.measure_id = m.id JOIN measure_ministries gm2 ON gm2.measure_id = m.id`,
        keys: sql`gm.ministry_id, gm2.ministry_id`,
      };
  }
}

function groupBy(keys: RawBuilder<unknown> | null): RawBuilder<unknown> {
  return keys ? sql`GROUP BY ${keys}` : sql``;
}

function select(keys: RawBuilder<unknown> | null): RawBuilder<unknown> {
  return keys ? sql`${keys},` : sql``;
}

/** Measures per (status, health) and group: today from `measures`, in the past from the latest report by then. */
async function stateCounts(db: Db, s: FloorScope, g: FloorGrouping, d: FloorDates): Promise<unknown[]> {
  const { join, keys } = groupJoin(g);
  if (d.asOfInstant === null) {
    const q = sql`SELECT ${select(keys)} m.status, m.health, COUNT(*) AS n FROM measures m ${join}
      WHERE 1 = 1 ${scopeSql(s)} ${groupBy(keys ? sql`${keys}, m.status, m.health` : sql`m.status, m.health`)}`;
    return (await q.execute(db)).rows;
  }
  const q = sql`SELECT ${select(keys)} r.status, r.health, COUNT(*) AS n
    FROM (SELECT r.measure_id, r.status, r.health,
                 ROW_NUMBER() OVER (PARTITION BY r.measure_id ORDER BY r.reported_at DESC, r.id DESC) AS rn
          FROM status_reports r JOIN measures m ON m.id = r.measure_id
          WHERE r.reported_at <= ${d.asOfInstant} ${scopeSql(s)}) r
    JOIN measures m ON m.id = r.measure_id ${join}
    WHERE r.rn = 1 ${groupBy(keys ? sql`${keys}, r.status, r.health` : sql`r.status, r.health`)}`;
  return (await q.execute(db)).rows;
}

/** One pass of conditional sums over the milestones: count, weight, weight done, due by the deadline, overdue. */
async function milestoneSums(db: Db, s: FloorScope, g: FloorGrouping, d: FloorDates): Promise<unknown[]> {
  const { join, keys } = groupJoin(g);
  const existed = d.asOfInstant === null ? sql`` : sql`AND ms.created_at <= ${d.asOfInstant}`;
  const q = sql`SELECT ${select(keys)} COUNT(*) AS n, SUM(ms.weight) AS weight,
      SUM(CASE WHEN ms.completed_date <= ${d.asOf} THEN ms.weight ELSE 0 END) AS done,
      SUM(CASE WHEN ms.due_date <= ${d.deadline} THEN ms.weight ELSE 0 END) AS due,
      SUM(CASE WHEN ms.due_date < ${d.asOf} AND (ms.completed_date IS NULL OR ms.completed_date > ${d.asOf}) THEN 1 ELSE 0 END) AS overdue
    FROM milestones ms JOIN measures m ON m.id = ms.measure_id ${join}
    WHERE 1 = 1 ${existed} ${scopeSql(s)} ${groupBy(keys)}`;
  return (await q.execute(db)).rows;
}

/** Summary, breakdowns, heat map and matrices: the state counts and the milestone sums. */
export function figuresFloor(db: Db, s: FloorScope, g: FloorGrouping, d: FloorDates): Promise<unknown> {
  return Promise.all([stateCounts(db, s, g, d), milestoneSums(db, s, g, d)]);
}

/** Burn-up: weight due and weight done per month. */
export function burnupFloor(db: Db, s: FloorScope, d: FloorDates): Promise<unknown> {
  const existed = d.asOfInstant === null ? sql`` : sql`AND ms.created_at <= ${d.asOfInstant}`;
  const due = sql`SELECT SUBSTR(ms.due_date, 1, 7) AS month, SUM(ms.weight) AS w FROM milestones ms
    JOIN measures m ON m.id = ms.measure_id WHERE 1 = 1 ${existed} ${scopeSql(s)} GROUP BY SUBSTR(ms.due_date, 1, 7)`;
  const done = sql`SELECT SUBSTR(ms.completed_date, 1, 7) AS month, SUM(ms.weight) AS w FROM milestones ms
    JOIN measures m ON m.id = ms.measure_id WHERE ms.completed_date <= ${d.asOf} ${existed} ${scopeSql(s)}
    GROUP BY SUBSTR(ms.completed_date, 1, 7)`;
  return Promise.all([due.execute(db), done.execute(db)]);
}

/** Slippage per field: milestones, those rescheduled, those due later than their baseline. */
export async function slippageFloor(db: Db, s: FloorScope, d: FloorDates): Promise<unknown> {
  const recorded = d.asOfInstant === null ? sql`` : sql`WHERE recorded_at <= ${d.asOfInstant}`;
  const q = sql`SELECT gf.field_id, COUNT(*) AS n, COUNT(rv.milestone_id) AS rescheduled,
      SUM(CASE WHEN ms.due_date > ms.baseline_due_date THEN 1 ELSE 0 END) AS slipped
    FROM milestones ms JOIN measures m ON m.id = ms.measure_id JOIN measure_fields gf ON gf.measure_id = m.id
    LEFT JOIN (SELECT milestone_id FROM milestone_revisions ${recorded} GROUP BY milestone_id) rv ON rv.milestone_id = ms.id
    WHERE 1 = 1 ${scopeSql(s)} GROUP BY gf.field_id`;
  return (await q.execute(db)).rows;
}

/** Changes between two instants: each measure's latest report at either end. */
export function changesFloor(db: Db, s: FloorScope, from: string, to: string): Promise<unknown> {
  const end = (instant: string) =>
    sql`SELECT r.measure_id, r.status, r.health FROM (SELECT r.measure_id, r.status, r.health,
          ROW_NUMBER() OVER (PARTITION BY r.measure_id ORDER BY r.reported_at DESC, r.id DESC) AS rn
        FROM status_reports r JOIN measures m ON m.id = r.measure_id WHERE r.reported_at <= ${instant} ${scopeSql(s)}) r
      WHERE r.rn = 1`.execute(db);
  return Promise.all([end(from), end(to)]);
}

/** KPI categories: the KPIs of the measures with their latest observation. */
export async function kpiFloor(db: Db, s: FloorScope): Promise<unknown> {
  const q = sql`SELECT k.id, k.baseline_value, k.target_value,
      (SELECT o.value FROM kpi_observations o WHERE o.kpi_id = k.id ORDER BY o.observed_on DESC, o.id DESC LIMIT 1) AS latest
    FROM kpis k JOIN measures m ON m.id = k.measure_id WHERE 1 = 1 ${scopeSql(s)}`;
  return (await q.execute(db)).rows;
}

/** The list's ORDER BY per sort key; progress and behind from a per-measure sum over milestones. */
function listOrder(sort: string): RawBuilder<unknown> {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const dir = descending ? sql`DESC` : sql`ASC`;
  switch (key) {
    case 'title':
      return sql`m.title_ja ${dir}, m.code`;
    case 'status':
      return sql`m.status ${dir}, m.code`;
    case 'health':
      return sql`m.health ${dir}, m.code`;
    case 'targetDate':
      return sql`m.target_date ${dir}, m.code`;
    case 'updatedAt':
      return sql`m.updated_at ${dir}, m.code`;
    case 'ministry':
      return sql`lm.sort_order ${dir}, m.code`;
    case 'progress':
      return sql`COALESCE(p.done * 1.0 / NULLIF(p.weight, 0), 0) ${dir}, m.code`;
    case 'behind':
      return sql`COALESCE((p.due - p.done) * 1.0 / NULLIF(p.weight, 0), 0) ${descending ? sql`ASC` : sql`DESC`}, m.code`;
    default:
      return sql`m.code ${dir}`;
  }
}

/** One page of the measure list: the rows the table shows, in the asked order. */
export async function listFloor(
  db: Db,
  s: FloorScope,
  d: FloorDates,
  sort: string,
  page: number,
  pageSize = 50,
): Promise<unknown> {
  const key = sort.replace(/^-/, '');
  const progress =
    key === 'progress' || key === 'behind'
      ? sql`LEFT JOIN (SELECT measure_id, SUM(weight) AS weight,
            SUM(CASE WHEN completed_date <= ${d.asOf} THEN weight ELSE 0 END) AS done,
            SUM(CASE WHEN due_date <= ${d.asOf} THEN weight ELSE 0 END) AS due
          FROM milestones GROUP BY measure_id) p ON p.measure_id = m.id`
      : sql``;
  const q = sql`SELECT m.id, m.code, m.title_ja, m.title_en, m.status, m.health, m.target_date, lm.code AS ministry
    FROM measures m JOIN ministries lm ON lm.id = m.lead_ministry_id ${progress}
    WHERE 1 = 1 ${scopeSql(s)} ORDER BY ${listOrder(sort)} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  return (await q.execute(db)).rows;
}

/** An export's first rows: the ids in the list's order, then the first batch. */
export async function exportFloor(db: Db, s: FloorScope): Promise<unknown> {
  const ids = await sql<{ id: number }>`SELECT m.id FROM measures m WHERE 1 = 1 ${scopeSql(s)} ORDER BY m.code`.execute(db);
  const first = ids.rows.slice(0, 1000).map((r) => r.id);
  if (first.length === 0) return [];
  return (await sql`SELECT m.* FROM measures m WHERE m.id IN (${sql.join(first)})`.execute(db)).rows;
}
