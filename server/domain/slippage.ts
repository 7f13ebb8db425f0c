import type { NamedItem } from './breakdowns';
import { codeAndNames } from './breakdowns';
import { slipDaysOf } from './due-date-history';
import type { SlippageResponse } from '../schemas/meeting-pack';

// Schedule slippage (docs/product.md §3 "Slippage", docs/decisions/012-due-date-history.md): how
// many milestones were rescheduled by the as-of instant, how many then stood later than their
// baseline, and by how many days. Pure: the statistics query hands over grouped rows.

/**
 * Milestones of one group (key: field or ministry id, null for all) with the same reschedule state:
 * whether any revision was recorded by the instant, and — only when the due date known then is
 * later than the baseline — the two dates (null otherwise, so that unslipped milestones collapse).
 */
export interface SlippageGroup {
  key: number | null;
  rescheduled: boolean;
  baselineDueDate: string | null;
  dueDate: string | null;
  count: number;
}

export type SlippageCounts = SlippageResponse['totals'];

/** The median of non-empty sorted values: the middle one, or the mean of the middle two. */
function medianOfSorted(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const mid = Math.floor(values.length / 2);
  const upper = values[mid] ?? 0;
  return values.length % 2 === 1 ? upper : ((values[mid - 1] ?? 0) + upper) / 2;
}

/** The slippage figures of a set of milestone groups (all of one key). */
export function slippageCounts(groups: readonly SlippageGroup[]): SlippageCounts {
  let milestones = 0;
  let rescheduled = 0;
  const slips: [days: number, count: number][] = [];
  for (const g of groups) {
    milestones += g.count;
    if (g.rescheduled) rescheduled += g.count;
    const days = g.baselineDueDate !== null && g.dueDate !== null ? slipDaysOf(g.baselineDueDate, g.dueDate) : 0;
    if (days > 0) slips.push([days, g.count]);
  }
  slips.sort((a, b) => a[0] - b[0]);
  const each = slips.flatMap(([days, count]) => Array.from({ length: count }, () => days));
  const slipped = each.length;
  return {
    milestones,
    rescheduled,
    slipped,
    slipDaysTotal: each.reduce((sum, d) => sum + d, 0),
    slipDaysMedian: medianOfSorted(each),
    shareSlipped: milestones === 0 ? 0 : slipped / milestones,
  };
}

/** One row per taxonomy item in its order, zeros included, as the breakdowns list them. */
export function slippageRows(items: readonly NamedItem[], groups: readonly SlippageGroup[]): SlippageResponse['items'] {
  const byKey = new Map<number | null, SlippageGroup[]>();
  for (const g of groups) byKey.set(g.key, [...(byKey.get(g.key) ?? []), g]);
  return items.map((item) => ({ ...codeAndNames(item), ...slippageCounts(byKey.get(item.id) ?? []) }));
}
