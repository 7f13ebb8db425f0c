import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, EXPORT_VIEWS, exportUrl } from '../../../client/lib/export-url';
import { emptyFilters, filtersToQuery } from '../../../client/lib/filters';
import type { Filters } from '../../../client/lib/filters';

// A download is the view on screen: the same query the view's API call sends (client/lib/filters.ts
// filtersToQuery), plus only the options that view takes, plus the language.

const filters: Filters = {
  ...emptyFilters(),
  field: ['quantum', 'ai-semiconductors'],
  ministry: ['meti'],
  status: ['in_progress'],
  health: ['stale', 'off_track'],
  pillar: ['rnd-seeds'],
  instrument: ['subsidy'],
  q: '  量子 AI ',
  asOf: '2026-06-30',
};

function parse(url: string): { path: string; params: Record<string, string> } {
  const [path = '', search = ''] = url.split('?');
  return { path, params: Object.fromEntries(new URLSearchParams(search)) };
}

const everyFilter = {
  field: 'quantum,ai-semiconductors',
  ministry: 'meti',
  status: 'in_progress',
  health: 'stale,off_track',
  pillar: 'rnd-seeds',
  instrument: 'subsidy',
  q: '量子 AI',
  asOf: '2026-06-30',
};

describe('exportUrl', () => {
  it('names the view and the format in the path, for every view and format', () => {
    for (const view of EXPORT_VIEWS) {
      for (const format of EXPORT_FORMATS) {
        expect(parse(exportUrl(view, format, emptyFilters(), 'ja')).path).toBe(`/api/v1/exports/${view}.${format}`);
      }
    }
  });

  it('carries every filter as the API call does, comma-separated, with the language', () => {
    expect(parse(exportUrl('measures', 'csv', filters, 'en')).params).toEqual({ ...everyFilter, lang: 'en' });
    // The same keys and values as the query the list and the statistics send.
    const sent = Object.fromEntries(
      Object.entries(filtersToQuery(filters)).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
    );
    expect(parse(exportUrl('heatmap', 'json', filters, 'ja')).params).toEqual({ ...sent, lang: 'ja' });
  });

  it('exports on the basis the screen reads (basis=accepted|verified), and sends none for the default', () => {
    for (const view of EXPORT_VIEWS) {
      expect(parse(exportUrl(view, 'csv', { ...emptyFilters(), basis: 'verified' }, 'ja')).params).toEqual({
        basis: 'verified',
        lang: 'ja',
      });
      expect(parse(exportUrl(view, 'csv', { ...emptyFilters(), basis: 'reported' }, 'ja')).params).toEqual({ lang: 'ja' });
    }
  });

  it('leaves out unset filters and sends the language even alone', () => {
    expect(exportUrl('by-field', 'xlsx', emptyFilters(), 'ja')).toBe('/api/v1/exports/by-field.xlsx?lang=ja');
    expect(exportUrl('measures', 'csv', { ...emptyFilters(), q: '   ' }, 'en')).toBe('/api/v1/exports/measures.csv?lang=en');
  });

  it('sends the sort to the measure list only, the deadline to the statistics only, the time range to the reports only', () => {
    const all = { ...filters, sort: '-progress', deadline: 'summer-2027', from: '2026-01-01', to: '2026-06-30' };
    expect(parse(exportUrl('measures', 'csv', all, 'ja')).params).toEqual({ ...everyFilter, sort: '-progress', lang: 'ja' });
    for (const view of ['by-field', 'by-ministry', 'heatmap', 'burnup'] as const) {
      expect(parse(exportUrl(view, 'csv', all, 'ja')).params).toEqual({ ...everyFilter, deadline: 'summer-2027', lang: 'ja' });
    }
    expect(parse(exportUrl('reports', 'csv', all, 'ja')).params).toEqual({
      ...everyFilter,
      from: '2026-01-01',
      to: '2026-06-30',
      lang: 'ja',
    });
  });

  it('leaves an empty option out', () => {
    expect(exportUrl('burnup', 'csv', { ...emptyFilters(), deadline: '' }, 'ja')).toBe('/api/v1/exports/burnup.csv?lang=ja');
    expect(exportUrl('measures', 'csv', { ...emptyFilters(), sort: '' }, 'ja')).toBe('/api/v1/exports/measures.csv?lang=ja');
  });

  it('encodes text so that it reads back unchanged', () => {
    const url = exportUrl('measures', 'csv', { ...emptyFilters(), q: 'R&D 100%+α' }, 'ja');
    expect(url).not.toContain(' ');
    expect(parse(url).params.q).toBe('R&D 100%+α');
  });
});
