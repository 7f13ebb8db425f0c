import type { AppDeps } from '../app-env';
import { breakdownRows, codeAndNames, heatmapCells } from '../domain/breakdowns';
import {
  burnup,
  forecastTowardDeadline,
  milestoneCounts,
  progress,
  progressTowardDeadline,
  groupsByCompletion,
  tallyStates,
} from '../domain/derived-figures';
import { resolveDeadline, resolveFilters } from '../filters';
import { milestoneGroups, stateCounts, verifiableMilestoneGroups } from '../repositories/stats-repository';
import { matrixMilestoneGroups, matrixStateCounts } from '../repositories/matrix-repository';
import type { MatrixAxes } from '../repositories/matrix-repository';
import type { ResolvedFilters } from '../repositories/measure-filter';
import type { Dimension } from '../repositories/stats-repository';
import type { Basis } from '../schemas/follow-up';
import type { StatsQuery } from '../schemas/query';
import type { BreakdownResponse, BurnupResponse, HeatmapResponse, SummaryResponse } from '../schemas/responses';

// The statistics (docs/product.md §3, §4): every one starts from the same filters and deadline,
// asks the statistics queries for grouped rows and turns them into figures in server/domain/.

type StatsDeps = Pick<AppDeps, 'db' | 'taxonomy' | 'now'>;

async function resolve(deps: StatsDeps, query: StatsQuery) {
  const taxonomy = await deps.taxonomy();
  const filters = resolveFilters(query, taxonomy, deps.now());
  const deadline = resolveDeadline(query.deadline, taxonomy, filters.asOf);
  return { taxonomy, filters, deadline, dates: { deadline: deadline.date, asOf: filters.asOf } };
}

/** The headline figures of the dashboard. */
export async function statsSummary(deps: StatsDeps, query: StatsQuery): Promise<SummaryResponse> {
  const { filters, deadline, dates } = await resolve(deps, query);
  // Exact completion dates: the forecast reports the day everything was done.
  const grouping = { deadline: deadline.date, exact: 'completed' } as const;
  // The reported and verified figures side by side (報告ベース / 確認済み), whatever the basis asked:
  // each is the progress this summary shows on that basis, under the same filters (docs/product.md §3).
  const { counts, groups, onReported, onVerified } = await summaryGroups(deps, filters, grouping);
  const tally = tallyStates(counts);
  return {
    asOf: filters.asOf,
    basis: filters.basis,
    ...tally,
    stale: tally.byHealth.stale,
    milestones: milestoneCounts(groups, filters.asOf),
    deadline,
    progress: progressTowardDeadline(groups, dates.deadline, dates.asOf),
    overallProgress: progress(groups, filters.asOf),
    forecast: forecastTowardDeadline(groups, dates.deadline, dates.asOf),
    progressByBasis: {
      reported: progressTowardDeadline(onReported, dates.deadline, dates.asOf),
      verified: progressTowardDeadline(onVerified, dates.deadline, dates.asOf),
    },
    milestonesDoneByBasis: {
      reported: milestoneCounts(onReported, filters.asOf).done,
      verified: milestoneCounts(onVerified, filters.asOf).done,
    },
  };
}

/**
 * The summary's state counts and its milestone groups on the asked basis, on the reported basis and
 * on the verified basis. Which measures pass the filters depends on the basis only through `status`
 * and `health` (the report state): without those filters one scan of the milestones, each marked
 * verified or not, gives all three; with them each basis selects its own measures and is grouped on its own.
 */
async function summaryGroups(deps: StatsDeps, filters: ResolvedFilters, grouping: { deadline: string; exact: 'completed' }) {
  if (filters.statuses === null && filters.healths === null) {
    const [counts, marked] = await Promise.all([
      stateCounts(deps.db, filters),
      // The cheapest state path selects the same measures here (see above).
      verifiableMilestoneGroups(deps.db, { ...filters, basis: 'reported' }, grouping),
    ]);
    const { reported, verified } = groupsByCompletion(marked);
    return { counts, groups: filters.basis === 'verified' ? verified : reported, onReported: reported, onVerified: verified };
  }
  const groupsOn = (basis: Basis) =>
    basis === filters.basis ? null : milestoneGroups(deps.db, { ...filters, basis }, { ...grouping, completion: basis });
  const [counts, groups, reportedGroups, verifiedGroups] = await Promise.all([
    stateCounts(deps.db, filters),
    milestoneGroups(deps.db, filters, grouping),
    groupsOn('reported'),
    groupsOn('verified'),
  ]);
  return { counts, groups, onReported: reportedGroups ?? groups, onVerified: verifiedGroups ?? groups };
}

/** One row per field or per ministry, every one listed (docs/product.md §4 `/stats/by-field`). */
export async function statsBreakdown(deps: StatsDeps, query: StatsQuery, by: Dimension): Promise<BreakdownResponse> {
  const { taxonomy, filters, deadline, dates } = await resolve(deps, query);
  const [counts, groups] = await Promise.all([
    stateCounts(deps.db, filters, by),
    milestoneGroups(deps.db, filters, { by, deadline: deadline.date }),
  ]);
  const items = breakdownRows(by === 'field' ? taxonomy.fields : taxonomy.ministries, counts, groups, dates);
  return { asOf: filters.asOf, basis: filters.basis, deadline, items };
}

/** The heat map is the coverage matrix of fields × ministries (lead or co-owner). */
const HEATMAP_AXES: MatrixAxes = { rows: 'field', cols: 'ministry' };

/** The field × ministry heat map: both axes in full, only the non-empty cells. */
export async function statsHeatmap(deps: StatsDeps, query: StatsQuery): Promise<HeatmapResponse> {
  const { taxonomy, filters, deadline, dates } = await resolve(deps, query);
  const [counts, groups] = await Promise.all([
    matrixStateCounts(deps.db, filters, HEATMAP_AXES),
    matrixMilestoneGroups(deps.db, filters, HEATMAP_AXES, { deadline: deadline.date }),
  ]);
  return {
    asOf: filters.asOf,
    basis: filters.basis,
    deadline,
    fields: taxonomy.fields.map(codeAndNames),
    ministries: taxonomy.ministries.map(codeAndNames),
    cells: heatmapCells(taxonomy.fields, taxonomy.ministries, counts, groups, dates),
  };
}

/** The burn-up series toward the deadline, with the forecast drawn on it. */
export async function statsBurnup(deps: StatsDeps, query: StatsQuery): Promise<BurnupResponse> {
  const { filters, deadline, dates } = await resolve(deps, query);
  const [byDueDate, byCompletedDate] = await Promise.all([
    milestoneGroups(deps.db, filters, { deadline: deadline.date, exact: 'due' }),
    milestoneGroups(deps.db, filters, { deadline: deadline.date, exact: 'completed' }),
  ]);
  const series = burnup(byDueDate, byCompletedDate, dates.deadline, dates.asOf);
  return {
    asOf: filters.asOf,
    basis: filters.basis,
    deadline,
    interval: series.interval,
    stepDays: series.stepDays,
    totalWeight: series.totalWeight,
    forecast: forecastTowardDeadline(byCompletedDate, dates.deadline, dates.asOf),
    points: series.points,
  };
}
