import type { RoundAnswerState, RoundMeasureRow, RoundMinistryRow, RoundState, RoundSummary } from '../schemas/follow-up';

// A round's progress (docs/product.md §4, "The follow-up round"): each measure in scope counts once,
// in the state of its latest report in the round (submitted, accepted, returned) or as missing, and
// as late when that report came after the due date. The grouping is done in SQL; this adds it up.

export type RoundCounts = RoundSummary['totals'];

/** A count of measures in one round, lead ministry, answer state and lateness. */
export interface RoundAnswerGroup {
  roundId: number;
  ministryId: number;
  state: RoundAnswerState;
  late: boolean;
  count: number;
}

export type RoundMeasureAnswer = RoundMeasureRow;

export interface MinistryRef {
  id: number;
  code: string;
  nameJa: string;
  nameEn: string;
}

export function emptyCounts(): RoundCounts {
  return { inScope: 0, submitted: 0, accepted: 0, returned: 0, missing: 0, late: 0 };
}

function add(counts: RoundCounts, group: Pick<RoundAnswerGroup, 'state' | 'late' | 'count'>): void {
  counts.inScope += group.count;
  counts[group.state] += group.count;
  // Lateness belongs to an answer; a missing measure is not late, only missing.
  if (group.late && group.state !== 'missing') counts.late += group.count;
}

/** Totals of one round from its groups. */
export function roundTotals(groups: readonly RoundAnswerGroup[]): RoundCounts {
  const totals = emptyCounts();
  for (const g of groups) add(totals, g);
  return totals;
}

/** Per lead ministry, in the order given (taxonomy order); only ministries with a measure in scope. */
export function roundByMinistry(groups: readonly RoundAnswerGroup[], ministries: readonly MinistryRef[]): RoundMinistryRow[] {
  const byId = new Map<number, RoundCounts>();
  for (const g of groups) {
    const counts = byId.get(g.ministryId) ?? emptyCounts();
    add(counts, g);
    byId.set(g.ministryId, counts);
  }
  return ministries.flatMap((m) => {
    const counts = byId.get(m.id);
    return counts ? [{ code: m.code, nameJa: m.nameJa, nameEn: m.nameEn, ...counts }] : [];
  });
}

/** Scheduled before it opens, closed once closed, open in between (also after its due date: late answers). */
export function roundState(round: { opensAt: string; closedAt: string | null }, nowIso: string): RoundState {
  if (round.closedAt !== null) return 'closed';
  return Date.parse(nowIso) < Date.parse(round.opensAt) ? 'scheduled' : 'open';
}
