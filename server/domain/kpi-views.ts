import type { KpiCategory, KpiConfirmationDto, KpiDto, KpiObservationDto, KpiStatsResponse } from '../schemas/follow-up';
import { codeAndNames } from './breakdowns';
import type { NamedItem } from './breakdowns';
import { kpiPacing, latestObservation } from './kpi-pacing';
import type { KpiPlan, KpiReading } from './kpi-pacing';

// A KPI as the API shows it (docs/product.md §3 "KPI progress categories"): its plan, its observations,
// the pacing rule's category on the latest one, and the secretariat's confirmation while it stands.

/** A KPI as stored, with what was known of it as of the view. */
export interface KpiRecord extends KpiPlan {
  id: number;
  nameJa: string;
  nameEn: string;
  unit: string;
  source: string;
  /** Observations known as of the view, in any order. */
  observations: KpiObservationDto[];
  /** The latest confirmation made as of the view, if any. */
  latestConfirmation: KpiConfirmationDto | null;
}

/**
 * A confirmation stands while it was made against the KPI's latest observation (none against none):
 * a newer observation puts the KPI back in the queue to confirm.
 */
export function confirmationInForce(
  latestConfirmation: KpiConfirmationDto | null,
  latestObservationId: number | null,
): KpiConfirmationDto | null {
  return latestConfirmation && latestConfirmation.observationId === latestObservationId ? latestConfirmation : null;
}

export function kpiView(record: KpiRecord): KpiDto {
  const observations = [...record.observations].sort((a, b) =>
    a.observedOn === b.observedOn ? a.id - b.id : a.observedOn < b.observedOn ? -1 : 1,
  );
  const latest = latestObservation(observations);
  const pacing = kpiPacing(record, latest);
  const confirmation = confirmationInForce(record.latestConfirmation, latest?.id ?? null);
  return {
    id: record.id,
    nameJa: record.nameJa,
    nameEn: record.nameEn,
    unit: record.unit,
    direction: record.direction,
    baselineValue: record.baselineValue,
    baselineDate: record.baselineDate,
    targetValue: record.targetValue,
    targetDate: record.targetDate,
    source: record.source,
    observations,
    computedCategory: pacing.category,
    category: confirmation?.category ?? pacing.category,
    confirmation,
    achievedShare: pacing.achievedShare,
    elapsedShare: pacing.elapsedShare,
  };
}

/** What the queue and the statistics know of a KPI: its plan, latest observation and latest confirmation. */
export interface KpiStandingRecord {
  id: number;
  measureId: number;
  plan: KpiPlan;
  latest: (KpiReading & { id: number }) | null;
  latestConfirmation: KpiConfirmationDto | null;
}

/** The category shown (the confirmed one while it stands, else the computed one), and whether a confirmation stands. */
export function standingCategory(s: KpiStandingRecord): { shown: KpiCategory; confirmed: boolean } {
  const confirmation = confirmationInForce(s.latestConfirmation, s.latest?.id ?? null);
  return { shown: confirmation?.category ?? kpiPacing(s.plan, s.latest).category, confirmed: confirmation !== null };
}

type CategoryCounts = Record<KpiCategory, number> & { total: number };

function zeroCounts(): CategoryCounts {
  return { A: 0, B: 0, N: 0, total: 0 };
}

/**
 * /stats/kpi: counts of the shown category per field or ministry, every row listed (zeros too, in
 * taxonomy order). A KPI counts in each of its measure's fields or ministries (lead and co alike),
 * as the other breakdowns count measures; the totals count each KPI once.
 */
export function kpiCategoryRows(
  rows: readonly NamedItem[],
  standings: readonly KpiStandingRecord[],
  measureKeys: readonly { measureId: number; key: number }[],
): Pick<KpiStatsResponse, 'totals' | 'items'> {
  const totals = zeroCounts();
  const byMeasure = new Map<number, CategoryCounts>();
  for (const s of standings) {
    const { shown } = standingCategory(s);
    totals[shown] += 1;
    totals.total += 1;
    const counts = byMeasure.get(s.measureId) ?? zeroCounts();
    counts[shown] += 1;
    counts.total += 1;
    byMeasure.set(s.measureId, counts);
  }
  const byKey = new Map<number, CategoryCounts>();
  for (const { measureId, key } of measureKeys) {
    const counts = byMeasure.get(measureId);
    if (!counts) continue;
    const row = byKey.get(key) ?? zeroCounts();
    for (const c of ['A', 'B', 'N', 'total'] as const) row[c] += counts[c];
    byKey.set(key, row);
  }
  return { totals, items: rows.map((r) => ({ ...codeAndNames(r), ...(byKey.get(r.id) ?? zeroCounts()) })) };
}
