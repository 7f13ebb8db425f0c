import { Hono } from 'hono';
import {
  behindCount,
  burnup,
  comparisonDates,
  forecastTowardDeadline,
  milestoneCounts,
  progress,
  progressTowardDeadline,
  tallyStates,
} from '../domain/derived-figures';
import { resolveDeadline, resolveFilters } from '../filters';
import { cellMilestoneGroups, cellStateCounts, milestoneGroups, stateCounts } from '../repositories/stats-repository';
import type { CellMilestoneGroup, CellStateCount, Dimension } from '../repositories/stats-repository';
import type { TaxonomyRow } from '../repositories/taxonomy-repository';
import { statsQuery } from '../schemas/query';
import type { StatsQuery } from '../schemas/query';
import type {
  BreakdownResponse,
  BreakdownRow,
  BurnupResponse,
  HeatmapCell,
  HeatmapResponse,
  SummaryResponse,
} from '../schemas/responses';
import { validate } from '../validation';
import type { AppDeps, AppEnv } from '../app-env';

export function statsRoutes(deps: AppDeps) {
  async function resolve(query: StatsQuery) {
    const taxonomy = await deps.taxonomy();
    const filters = resolveFilters(query, taxonomy, deps.now());
    const deadline = resolveDeadline(query.deadline, taxonomy, filters.asOf);
    return { taxonomy, filters, deadline };
  }

  async function breakdown(query: StatsQuery, by: Dimension): Promise<BreakdownResponse> {
    const { taxonomy, filters, deadline } = await resolve(query);
    const [counts, groups] = await Promise.all([
      stateCounts(deps.db, filters, by),
      milestoneGroups(deps.db, filters, { by, boundaries: comparisonDates(deadline.date, filters.asOf) }),
    ]);
    const rows: TaxonomyRow[] = by === 'field' ? taxonomy.fields : taxonomy.ministries;
    const items = rows.map((row): BreakdownRow => {
      const tally = tallyStates(counts.filter((c) => c.key === row.id));
      const g = groups.filter((x) => x.key === row.id);
      return {
        code: row.code,
        nameJa: row.nameJa,
        nameEn: row.nameEn,
        ...tally,
        progress: progressTowardDeadline(g, deadline.date, filters.asOf),
        overallProgress: progress(g, filters.asOf),
        milestones: milestoneCounts(g, filters.asOf),
      };
    });
    return { asOf: filters.asOf, deadline, items };
  }

  async function heatmap(query: StatsQuery): Promise<HeatmapResponse> {
    const { taxonomy, filters, deadline } = await resolve(query);
    const [counts, groups] = await Promise.all([
      cellStateCounts(deps.db, filters),
      cellMilestoneGroups(deps.db, filters, { boundaries: comparisonDates(deadline.date, filters.asOf) }),
    ]);
    // Bucket the rows per cell once, then walk the taxonomy so that cells come in row order.
    const byCell = new Map<string, { counts: CellStateCount[]; groups: CellMilestoneGroup[] }>();
    const bucket = (fieldId: number, ministryId: number) => {
      const key = `${fieldId}:${ministryId}`;
      const b = byCell.get(key) ?? { counts: [], groups: [] };
      byCell.set(key, b);
      return b;
    };
    for (const c of counts) bucket(c.fieldId, c.ministryId).counts.push(c);
    for (const g of groups) bucket(g.fieldId, g.ministryId).groups.push(g);

    const cells: HeatmapCell[] = [];
    for (const field of taxonomy.fields) {
      for (const ministry of taxonomy.ministries) {
        const b = byCell.get(`${field.id}:${ministry.id}`);
        if (!b) continue;
        const tally = tallyStates(b.counts);
        if (tally.total === 0) continue;
        cells.push({
          field: field.code,
          ministry: ministry.code,
          total: tally.total,
          behind: behindCount(tally),
          progress: progressTowardDeadline(b.groups, deadline.date, filters.asOf),
        });
      }
    }
    const axis = (rows: readonly TaxonomyRow[]) => rows.map(({ code, nameJa, nameEn }) => ({ code, nameJa, nameEn }));
    return { asOf: filters.asOf, deadline, fields: axis(taxonomy.fields), ministries: axis(taxonomy.ministries), cells };
  }

  return new Hono<AppEnv>()
    .get('/summary', validate('query', statsQuery), async (c) => {
      const { filters, deadline } = await resolve(c.req.valid('query'));
      // Exact completion dates: the forecast reports the day everything was done.
      const [counts, groups] = await Promise.all([
        stateCounts(deps.db, filters),
        milestoneGroups(deps.db, filters, { boundaries: comparisonDates(deadline.date, filters.asOf), exact: 'completed' }),
      ]);
      const tally = tallyStates(counts);
      const body: SummaryResponse = {
        asOf: filters.asOf,
        ...tally,
        stale: tally.byHealth.stale,
        milestones: milestoneCounts(groups, filters.asOf),
        deadline,
        progress: progressTowardDeadline(groups, deadline.date, filters.asOf),
        overallProgress: progress(groups, filters.asOf),
        forecast: forecastTowardDeadline(groups, deadline.date, filters.asOf),
      };
      return c.json(body, 200);
    })
    .get('/by-field', validate('query', statsQuery), async (c) => c.json(await breakdown(c.req.valid('query'), 'field'), 200))
    .get('/by-ministry', validate('query', statsQuery), async (c) =>
      c.json(await breakdown(c.req.valid('query'), 'ministry'), 200),
    )
    .get('/heatmap', validate('query', statsQuery), async (c) => c.json(await heatmap(c.req.valid('query')), 200))
    .get('/burnup', validate('query', statsQuery), async (c) => {
      const { filters, deadline } = await resolve(c.req.valid('query'));
      const boundaries = comparisonDates(deadline.date, filters.asOf);
      const [byDueDate, byCompletedDate] = await Promise.all([
        milestoneGroups(deps.db, filters, { boundaries, exact: 'due' }),
        milestoneGroups(deps.db, filters, { boundaries, exact: 'completed' }),
      ]);
      const series = burnup(byDueDate, byCompletedDate, deadline.date, filters.asOf);
      const body: BurnupResponse = {
        asOf: filters.asOf,
        deadline,
        interval: series.interval,
        stepDays: series.stepDays,
        totalWeight: series.totalWeight,
        forecast: forecastTowardDeadline(byCompletedDate, deadline.date, filters.asOf),
        points: series.points,
      };
      return c.json(body, 200);
    });
}
