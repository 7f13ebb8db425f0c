import { describe, expect, it } from 'vitest';
import {
  countActiveFilters,
  emptyFilters,
  explorerHref,
  explorerStateToParams,
  filtersToParams,
  filtersToQuery,
  parseExplorerState,
  parseFilters,
} from '../../../client/lib/filters';
import type { ExplorerState } from '../../../client/lib/filters';

// The filter ⇄ URL round trip: what an analyst shares as a link must come back as the same view.

describe('filters in the URL', () => {
  it('keeps withdrawn measures (廃止, decision 024) out unless asked for, and carries the choice to the API', () => {
    expect(parseFilters(new URLSearchParams('')).withdrawn).toBe('exclude');
    expect(parseFilters(new URLSearchParams('withdrawn=maybe')).withdrawn).toBe('exclude');
    expect(filtersToParams(emptyFilters()).has('withdrawn')).toBe(false);
    expect(filtersToQuery(emptyFilters())).not.toHaveProperty('withdrawn');
    const only = parseFilters(new URLSearchParams('withdrawn=only'));
    expect(only.withdrawn).toBe('only');
    expect(filtersToParams(only).get('withdrawn')).toBe('only');
    expect(filtersToQuery(only)).toMatchObject({ withdrawn: 'only' });
    expect(countActiveFilters(only)).toBe(1);
  });

  it('reads comma-separated and repeated values alike, without duplicates', () => {
    const a = parseFilters(new URLSearchParams('field=quantum,fusion&status=in_progress'));
    const b = parseFilters(new URLSearchParams('field=quantum&field=fusion&field=quantum&status=in_progress'));
    expect(a).toEqual(b);
    expect(a.field).toEqual(['quantum', 'fusion']);
  });

  it('round-trips every filter, the sort and the page', () => {
    const state: ExplorerState = {
      ...emptyFilters(),
      field: ['quantum', 'ai-semiconductors'],
      ministry: ['meti'],
      status: ['in_progress', 'planning'],
      health: ['stale'],
      pillar: ['rnd-seeds'],
      instrument: ['rnd', 'talent'],
      q: '量子 コンピュータ',
      asOf: '2026-06-30',
      sort: '-progress',
      page: 3,
      pageSize: 100,
    };
    const params = explorerStateToParams(state);
    expect(parseExplorerState(new URLSearchParams(params.toString()))).toEqual(state);
    expect(params.toString()).toContain('field=quantum%2Cai-semiconductors');
  });

  it('leaves defaults out of the URL so a plain view has a plain link', () => {
    const state: ExplorerState = { ...emptyFilters(), sort: 'code', page: 1, pageSize: 50 };
    expect(explorerStateToParams(state).toString()).toBe('');
    expect(parseExplorerState(new URLSearchParams(''))).toEqual(state);
  });

  it('ignores malformed page, page size and as-of values instead of breaking the page', () => {
    const state = parseExplorerState(new URLSearchParams('page=0&pageSize=100000&asOf=yesterday'));
    expect(state.page).toBe(1);
    expect(state.pageSize).toBe(50);
    expect(state.asOf).toBe('');
  });

  it('gives the API the same filters as arrays', () => {
    const filters = { ...emptyFilters(), field: ['quantum'], q: '  ai ' };
    expect(filtersToQuery(filters)).toEqual({ field: ['quantum'], q: 'ai' });
    expect(filtersToParams(filters).toString()).toBe('field=quantum&q=ai');
  });

  it('links a chart element to the explorer narrowed to that element within the current filters', () => {
    const filters = { ...emptyFilters(), status: ['in_progress'], ministry: ['meti'] };
    expect(explorerHref(filters, { field: 'quantum' })).toBe('/measures?field=quantum&ministry=meti&status=in_progress');
    expect(explorerHref(emptyFilters())).toBe('/measures');
  });

  it('keeps a non-default basis in the URL and the query, and leaves the default (reported) out of both', () => {
    const verified = { ...emptyFilters(), field: ['quantum'], basis: 'verified' as const };
    expect(filtersToParams(verified).toString()).toBe('field=quantum&basis=verified');
    expect(filtersToQuery(verified)).toEqual({ field: ['quantum'], basis: 'verified' });
    expect(parseFilters(new URLSearchParams('basis=accepted')).basis).toBe('accepted');
    expect(filtersToQuery({ ...emptyFilters(), basis: 'reported' })).toEqual({});
    // An unknown value reads as the default rather than breaking the page.
    expect(parseFilters(new URLSearchParams('basis=guessed')).basis).toBe('reported');
    expect(explorerHref(verified)).toBe('/measures?field=quantum&basis=verified');
  });
});
