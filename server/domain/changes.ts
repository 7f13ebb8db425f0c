import { addDays, daysBetween } from '../../common/calendar';
import type { HealthCode, ReportedHealthCode } from '../../common/taxonomy';
import type { ChangeItem, ChangeKind } from '../schemas/meeting-pack';
import { isDoneAsOf, isOverdueAsOf } from './derived-figures';
import { standingCategory } from './kpi-views';
import type { KpiStandingRecord } from './kpi-views';

// What changed between two instants (docs/product.md §4 "The meeting pack", docs/decisions/014-
// changes-between-instants.md). Pure: the repository fetches the state of each measure, milestone
// and KPI as of both ends, each with the as-of rules the rest of the product uses (filteredMeasures'
// report state, dueDateAsOf, completionOnBasis, the KPI's shown category), and this turns the two
// snapshots into items. Nothing here re-derives a state; it only compares them.

/** One end of the comparison: the instant and its JST date (the as-of date of that instant). */
export interface ChangeInstant {
  instant: string;
  date: string;
}

/** A measure's report state as of one end, as `filteredMeasures` computes it. */
export interface MeasureState {
  status: string;
  reportedHealth: ReportedHealthCode | null;
  /** The effective health (stale included). */
  health: HealthCode;
  lastReportedAt: string | null;
  /** When its next report is (was) due: the instant it goes stale. */
  reportDueAt: string;
}

export interface MeasureSnapshot {
  id: number;
  measure: ChangeItem['measure'];
  createdAt: string;
  /** Null when the measure did not exist yet at `from`. */
  from: MeasureState | null;
  to: MeasureState;
}

/** A milestone's due date and completion on the basis, as known at one end. */
export interface MilestoneState {
  dueDate: string;
  /** The completion date that counts on the basis at that end (completionOnBasis), null when none. */
  completedDate: string | null;
}

export interface MilestoneSnapshot {
  id: number;
  measureId: number;
  titleJa: string;
  titleEn: string;
  from: MilestoneState;
  to: MilestoneState;
  /** The latest revision recorded in (from, to], null when none. */
  lastRevisionAt: string | null;
}

export interface KpiSnapshot {
  id: number;
  measureId: number;
  nameJa: string;
  nameEn: string;
  /** What was recorded of the KPI by `from`; null when it did not exist then. */
  from: KpiStandingRecord | null;
  to: KpiStandingRecord;
}

export interface ChangeSnapshots {
  from: ChangeInstant;
  to: ChangeInstant;
  measures: readonly MeasureSnapshot[];
  milestones: readonly MilestoneSnapshot[];
  kpis: readonly KpiSnapshot[];
}

/** Reported health from best to worst (docs/product.md §2): a higher rank is worse. */
const HEALTH_RANK: Readonly<Record<ReportedHealthCode, number>> = { on_track: 0, at_risk: 1, off_track: 2 };

type Draft = Omit<ChangeItem, 'measure' | 'milestone' | 'kpi' | 'slipDays'> &
  Partial<Pick<ChangeItem, 'milestone' | 'kpi' | 'slipDays'>>;

function item(m: MeasureSnapshot, draft: Draft): ChangeItem {
  return { milestone: null, kpi: null, slipDays: null, ...draft, measure: m.measure };
}

/** The items of every kind, in CHANGE_KINDS order, then measure code, then date; and their counts. */
export function changesBetween(s: ChangeSnapshots): { items: ChangeItem[]; counts: Record<ChangeKind, number> } {
  const items: ChangeItem[] = [];
  const byId = new Map(s.measures.map((m) => [m.id, m]));

  for (const m of s.measures) {
    const before = m.from;
    const after = m.to;
    if (before === null) {
      // Created in (from, to]: a measure that passes the filters at `to` and did not exist at `from`.
      if (m.createdAt > s.from.instant && m.createdAt <= s.to.instant) {
        items.push(item(m, { kind: 'measure_added', date: m.createdAt, before: null, after: after.status }));
      }
      continue;
    }
    const reportDate = after.lastReportedAt ?? m.createdAt;
    if (before.status !== after.status) {
      items.push(item(m, { kind: 'status_changed', date: reportDate, before: before.status, after: after.status }));
    }
    if (before.reportedHealth !== null && after.reportedHealth !== null && before.reportedHealth !== after.reportedHealth) {
      const worse = HEALTH_RANK[after.reportedHealth] > HEALTH_RANK[before.reportedHealth];
      items.push(
        item(m, {
          kind: worse ? 'health_worsened' : 'health_improved',
          date: reportDate,
          before: before.reportedHealth,
          after: after.reportedHealth,
        }),
      );
    }
    if (after.health === 'stale' && before.health !== 'stale') {
      // It went stale when its report fell due (a never-reported measure is stale from the start,
      // so it was stale at `from` already and never lands here).
      items.push(item(m, { kind: 'newly_stale', date: after.reportDueAt, before: before.health, after: 'stale' }));
    }
  }

  for (const ms of s.milestones) {
    const m = byId.get(ms.measureId);
    if (!m) continue;
    const milestone = { id: ms.id, titleJa: ms.titleJa, titleEn: ms.titleEn };
    const doneAtTo = isDoneAsOf(ms.to, s.to.date);
    if (doneAtTo && !isDoneAsOf(ms.from, s.from.date) && ms.to.completedDate !== null) {
      items.push(
        item(m, { kind: 'milestone_completed', date: ms.to.completedDate, before: null, after: ms.to.completedDate, milestone }),
      );
    }
    // Slips and overdue compare a milestone with itself, so its measure must have existed at `from`.
    if (m.from === null) continue;
    if (ms.to.dueDate > ms.from.dueDate) {
      items.push(
        item(m, {
          kind: 'milestone_slipped',
          date: ms.lastRevisionAt ?? s.to.instant,
          before: ms.from.dueDate,
          after: ms.to.dueDate,
          milestone,
          slipDays: daysBetween(ms.from.dueDate, ms.to.dueDate),
        }),
      );
    }
    if (isOverdueAsOf(ms.to, s.to.date) && !isOverdueAsOf(ms.from, s.from.date)) {
      // Overdue from the day after the due date known at `to`.
      items.push(
        item(m, {
          kind: 'newly_overdue',
          date: addDays(ms.to.dueDate, 1),
          before: ms.from.dueDate,
          after: ms.to.dueDate,
          milestone,
        }),
      );
    }
  }

  for (const k of s.kpis) {
    const m = byId.get(k.measureId);
    if (!m || m.from === null || k.from === null) continue;
    // The category shown (kpi-views.ts): the confirmed one while it stands, else the pacing rule's.
    const before = standingCategory(k.from).shown;
    const after = standingCategory(k.to);
    if (before === after.shown) continue;
    // When the category at `to` was settled: the confirmation standing then, else the latest observation.
    const confirmedAt = after.confirmed ? (k.to.latestConfirmation?.confirmedAt ?? null) : null;
    items.push(
      item(m, {
        kind: 'kpi_category_changed',
        date: confirmedAt ?? k.to.latest?.observedOn ?? s.to.instant,
        before,
        after: after.shown,
        kpi: { id: k.id, nameJa: k.nameJa, nameEn: k.nameEn },
      }),
    );
  }

  return { items: sortChanges(items), counts: countChanges(items) };
}

/**
 * Zero counts of every kind, in CHANGE_KINDS order (server/schemas/meeting-pack.ts; the domain takes
 * only types from there): the type makes the list complete, tests/server/changes.test.ts the order.
 */
function zeroCounts(): Record<ChangeKind, number> {
  return {
    status_changed: 0,
    health_improved: 0,
    health_worsened: 0,
    milestone_completed: 0,
    milestone_slipped: 0,
    newly_overdue: 0,
    newly_stale: 0,
    measure_added: 0,
    kpi_category_changed: 0,
  };
}

const KIND_RANK = new Map(Object.keys(zeroCounts()).map((k, i) => [k, i]));

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Kinds in CHANGE_KINDS order, then measure code, then date, then milestone / KPI id (a stable tie-break). */
export function sortChanges(items: readonly ChangeItem[]): ChangeItem[] {
  return [...items].sort(
    (a, b) =>
      (KIND_RANK.get(a.kind) ?? 0) - (KIND_RANK.get(b.kind) ?? 0) ||
      cmp(a.measure.code, b.measure.code) ||
      cmp(a.date, b.date) ||
      (a.milestone?.id ?? a.kpi?.id ?? 0) - (b.milestone?.id ?? b.kpi?.id ?? 0),
  );
}

export function countChanges(items: readonly ChangeItem[]): Record<ChangeKind, number> {
  const counts = zeroCounts();
  for (const i of items) counts[i.kind] += 1;
  return counts;
}

export interface ChangesWindow {
  /** The kinds whose items are shown; every kind when null. */
  kinds: readonly ChangeKind[] | null;
  /** Items per kind. */
  limit: number;
  /** Items of each kind skipped first. */
  offset: number;
}

/**
 * A window of sorted items (sortChanges): of each kind asked for, `limit` items after the first
 * `offset`; and per kind how many of the counted items the window leaves out
 * (docs/decisions/027-changes-paged-by-kind.md).
 */
export function changesWindow(
  items: readonly ChangeItem[],
  counts: Record<ChangeKind, number>,
  window: ChangesWindow,
): { items: ChangeItem[]; omitted: Record<ChangeKind, number> } {
  const wanted = window.kinds === null ? null : new Set(window.kinds);
  const seen = zeroCounts();
  const shown: ChangeItem[] = [];
  for (const item of items) {
    if (wanted !== null && !wanted.has(item.kind)) continue;
    const index = seen[item.kind]++;
    if (index >= window.offset && index < window.offset + window.limit) shown.push(item);
  }
  const omitted = { ...counts };
  for (const item of shown) omitted[item.kind] -= 1;
  return { items: shown, omitted };
}
