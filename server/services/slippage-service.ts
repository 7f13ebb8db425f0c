import type { AppDeps } from '../app-env';
import { slippageCounts, slippageRows } from '../domain/slippage';
import { resolveFilters } from '../filters';
import { slippageGroups } from '../repositories/stats-repository';
import type { SlippageQuery, SlippageResponse } from '../schemas/meeting-pack';

// Schedule slippage by field or ministry (docs/product.md §4 `/stats/slippage`): the list filters
// and as-of date as every statistic takes them; the due dates as known at that instant
// (docs/decisions/012-due-date-history.md).

type SlippageDeps = Pick<AppDeps, 'db' | 'taxonomy' | 'now'>;

export async function statsSlippage(deps: SlippageDeps, query: SlippageQuery): Promise<SlippageResponse> {
  const taxonomy = await deps.taxonomy();
  const filters = resolveFilters(query, taxonomy, deps.now());
  const by = query.by ?? 'field';
  // Totals count each milestone once, though it may sit in several fields or ministries.
  const [all, grouped] = await Promise.all([slippageGroups(deps.db, filters), slippageGroups(deps.db, filters, by)]);
  return {
    asOf: filters.asOf,
    basis: filters.basis,
    by,
    totals: slippageCounts(all),
    items: slippageRows(by === 'field' ? taxonomy.fields : taxonomy.ministries, grouped),
  };
}
