import type { KpiConfirmationDto, KpiDto, KpiObservationDto } from '../schemas/follow-up';
import { kpiPacing, latestObservation } from './kpi-pacing';
import type { KpiPlan } from './kpi-pacing';

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
