import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { HEALTH_CODES, REPORTED_HEALTH_CODES } from '../../common/taxonomy';
import type { HealthCode, ReportedHealthCode } from '../../common/taxonomy';
import type { Database } from '../../db/schema';
import type { KpiSnapshot, MeasureSnapshot, MeasureState, MilestoneSnapshot } from '../domain/changes';
import { dueDateAsOfSql } from './due-date-history-sql';
import { kpiStandings } from './kpi-repository';
import { completionOnBasisSql, filteredMeasures } from './measure-filter';
import type { ResolvedFilters } from './measure-filter';

// The reads of GET /changes (docs/decisions/014-changes-between-instants.md): the measures that pass
// the list filters as of `to`, each with its report state as of both ends, their milestones with the
// due date known and the completion counted at both ends, and their KPIs' shown categories at both.
// A handful of set-based queries whatever the number of measures; server/domain/changes.ts compares.

type Db = Kysely<Database>;

function reportedHealthOf(value: string | null): ReportedHealthCode | null {
  return REPORTED_HEALTH_CODES.find((h) => h === value) ?? null;
}

function healthOf(value: string): HealthCode {
  return HEALTH_CODES.find((h) => h === value) ?? 'stale';
}

/**
 * The snapshots of the measures that pass `to`'s filters. `fromState` is the same state rebuilt as
 * of the `from` instant with no list filter (a measure is compared with itself, whatever it was).
 */
export async function changeSnapshots(
  db: Db,
  to: ResolvedFilters,
  fromState: ResolvedFilters,
): Promise<{ measures: MeasureSnapshot[]; milestones: MilestoneSnapshot[]; kpis: KpiSnapshot[] }> {
  const base = () => db.with('t', () => filteredMeasures(db, to)).with('b', () => filteredMeasures(db, fromState));

  const [measureRows, fieldRows, coRows, milestoneRows, kpisTo, kpisFrom] = await Promise.all([
    base()
      .selectFrom('t')
      .innerJoin('measures as m', 'm.id', 't.id')
      .innerJoin('ministries as lead', 'lead.id', 'm.lead_ministry_id')
      .leftJoin('b', 'b.id', 't.id')
      .select([
        't.id',
        'm.code',
        'm.title_ja',
        'm.title_en',
        'm.created_at',
        'lead.code as lead',
        't.status as to_status',
        't.reported_health as to_reported_health',
        't.health as to_health',
        't.last_reported_at as to_last_reported_at',
        't.report_due_at as to_report_due_at',
        'b.id as from_id',
        'b.status as from_status',
        'b.reported_health as from_reported_health',
        'b.health as from_health',
        'b.last_reported_at as from_last_reported_at',
        'b.report_due_at as from_report_due_at',
      ])
      .orderBy('m.code')
      .execute(),
    base()
      .selectFrom('measure_fields as mf')
      .innerJoin('t', 't.id', 'mf.measure_id')
      .innerJoin('fields as x', 'x.id', 'mf.field_id')
      .select(['mf.measure_id', 'x.code', 'mf.is_primary'])
      .orderBy('mf.is_primary', 'desc')
      .orderBy('x.sort_order')
      .execute(),
    base()
      .selectFrom('measure_ministries as mm')
      .innerJoin('t', 't.id', 'mm.measure_id')
      .innerJoin('ministries as x', 'x.id', 'mm.ministry_id')
      .select(['mm.measure_id', 'x.code'])
      .where('mm.role', '=', 'co')
      .orderBy('x.sort_order')
      .execute(),
    milestoneSnapshots(db, to, fromState),
    kpiStandings(db, to),
    kpiStandings(db, fromState),
  ]);

  const links = new Map<number, { fields: string[]; primaryField: string | null; coMinistries: string[] }>();
  const linksOf = (id: number) => {
    let l = links.get(id);
    if (!l) {
      l = { fields: [], primaryField: null, coMinistries: [] };
      links.set(id, l);
    }
    return l;
  };
  for (const r of fieldRows) {
    const l = linksOf(r.measure_id);
    l.fields.push(r.code);
    if (Number(r.is_primary) === 1) l.primaryField = r.code;
  }
  for (const r of coRows) linksOf(r.measure_id).coMinistries.push(r.code);

  const measures = measureRows.map((r): MeasureSnapshot => {
    const l = linksOf(r.id);
    const from: MeasureState | null =
      r.from_id === null || r.from_status === null || r.from_health === null || r.from_report_due_at === null
        ? null
        : {
            status: r.from_status,
            reportedHealth: reportedHealthOf(r.from_reported_health),
            health: healthOf(r.from_health),
            lastReportedAt: r.from_last_reported_at,
            reportDueAt: r.from_report_due_at,
          };
    return {
      id: r.id,
      createdAt: r.created_at,
      measure: {
        code: r.code,
        titleJa: r.title_ja,
        titleEn: r.title_en,
        leadMinistry: r.lead,
        coMinistries: l.coMinistries,
        fields: l.fields,
        primaryField: l.primaryField,
      },
      from,
      to: {
        status: r.to_status,
        reportedHealth: reportedHealthOf(r.to_reported_health),
        health: healthOf(r.to_health),
        lastReportedAt: r.to_last_reported_at,
        reportDueAt: r.to_report_due_at,
      },
    };
  });

  // KPIs as recorded by each instant (kpiStandings reads observations and confirmations with
  // created_at / confirmed_at <= the instant); the domain takes the shown category of each.
  const kpiNames = await kpiNamesOf(
    db,
    kpisTo.map((k) => k.id),
  );
  const fromById = new Map(kpisFrom.map((k) => [k.id, k]));
  const kpis = kpisTo.map((k): KpiSnapshot => ({
    id: k.id,
    measureId: k.measureId,
    nameJa: kpiNames.get(k.id)?.nameJa ?? '',
    nameEn: kpiNames.get(k.id)?.nameEn ?? '',
    from: fromById.get(k.id) ?? null,
    to: k,
  }));
  return { measures, milestones: milestoneRows, kpis };
}

async function kpiNamesOf(db: Db, ids: readonly number[]): Promise<Map<number, { nameJa: string; nameEn: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('kpis').select(['id', 'name_ja', 'name_en']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { nameJa: r.name_ja, nameEn: r.name_en }]));
}

/**
 * The milestones of `to`'s measures, with the due date known (dueDateAsOfSql) and the completion on
 * the basis (completionOnBasisSql) at each end, and the last revision recorded in (from, to].
 */
async function milestoneSnapshots(db: Db, to: ResolvedFilters, fromState: ResolvedFilters): Promise<MilestoneSnapshot[]> {
  const toInstant = to.historical ? to.asOfInstant : null;
  const rows = await db
    .with('t', () => filteredMeasures(db, to))
    .selectFrom('milestones as ms')
    .innerJoin('t', 't.id', 'ms.measure_id')
    .select([
      'ms.id',
      'ms.measure_id',
      'ms.title_ja',
      'ms.title_en',
      dueDateAsOfSql(fromState.asOfInstant).as('from_due'),
      dueDateAsOfSql(toInstant).as('to_due'),
      completionOnBasisSql(fromState).as('from_completed'),
      completionOnBasisSql(to).as('to_completed'),
      sql<
        string | null
      >`(SELECT MAX(rv.recorded_at) FROM milestone_revisions rv WHERE rv.milestone_id = ms.id AND rv.recorded_at > ${fromState.asOfInstant} AND rv.recorded_at <= ${to.asOfInstant})`.as(
        'last_revision_at',
      ),
    ])
    .orderBy('ms.measure_id')
    .orderBy('ms.sort_order')
    .orderBy('ms.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    measureId: r.measure_id,
    titleJa: r.title_ja,
    titleEn: r.title_en,
    from: { dueDate: r.from_due, completedDate: r.from_completed },
    to: { dueDate: r.to_due, completedDate: r.to_completed },
    lastRevisionAt: r.last_revision_at,
  }));
}
