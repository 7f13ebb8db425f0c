import { describe, expect, it } from 'vitest';
import {
  behindItems,
  burnupChartData,
  forecastSentences,
  heatColor,
  heatLegend,
  heatmapMatrix,
  stackedBars,
  textColorOn,
  textWidthEm,
  toPercent,
  wrapLabel,
} from '../../../../client/features/dashboard/chart-data';
import type { ForecastInput } from '../../../../client/features/dashboard/chart-data';
import { HEALTH_COLORS, STATUS_COLORS } from '../../../../client/lib/palette';
import { HEALTHS, STATUSES } from '../../../../common/taxonomy';
import type { BreakdownRow, BurnupResponse, HeatmapResponse } from '../../../../server/schemas/responses';
import { daysBetween } from '../../../../common/calendar';

// The dashboard's pure mappings from API responses to chart rows, on small hand-made responses.

const meta = { statuses: [...STATUSES], healths: [...HEALTHS] };

function row(
  code: string,
  nameJa: string,
  nameEn: string,
  byStatus: Partial<BreakdownRow['byStatus']>,
  byHealth: Partial<BreakdownRow['byHealth']>,
): BreakdownRow {
  const status = { not_started: 0, planning: 0, in_progress: 0, completed: 0, suspended: 0, ...byStatus };
  const health = { on_track: 0, at_risk: 0, off_track: 0, stale: 0, ...byHealth };
  const total = Object.values(status).reduce((a, b) => a + b, 0);
  return {
    code,
    nameJa,
    nameEn,
    total,
    byStatus: status,
    byHealth: health,
    progress: 0.25,
    overallProgress: 0.2,
    milestones: { total: 4, done: 1, overdue: 0 },
  };
}

const items: BreakdownRow[] = [
  row('ai-semiconductors', 'AI・半導体', 'AI & Semiconductors', { in_progress: 3 }, { on_track: 1, off_track: 1, stale: 1 }),
  row('shipbuilding', '造船', 'Shipbuilding', {}, {}),
  row('quantum', '量子', 'Quantum', { in_progress: 1, completed: 1 }, { on_track: 2 }),
];

describe('stackedBars', () => {
  it('makes one row per field with measures, split by status, with Japanese names and the palette', () => {
    const bars = stackedBars(items, 'status', meta, 'ja');
    expect(bars.series.map((s) => s.key)).toEqual(['not_started', 'planning', 'in_progress', 'completed', 'suspended']);
    expect(bars.series.map((s) => s.name)).toEqual(['未着手', '検討中', '実施中', '完了', '休止']);
    expect(bars.series.map((s) => s.color)).toEqual(bars.series.map((s) => STATUS_COLORS[s.key]));
    // Shipbuilding has no measure: no empty bar.
    expect(bars.rows.map((r) => r.code)).toEqual(['ai-semiconductors', 'quantum']);
    expect(bars.rows[0]).toEqual({
      code: 'ai-semiconductors',
      name: 'AI・半導体',
      total: 3,
      values: { not_started: 0, planning: 0, in_progress: 3, completed: 0, suspended: 0 },
      progress: 0.25,
    });
  });

  it('splits by health, stale included, in English', () => {
    const bars = stackedBars(items, 'health', meta, 'en');
    expect(bars.series.map((s) => [s.key, s.name, s.color])).toEqual(
      HEALTHS.map((h) => [h.code, h.nameEn, HEALTH_COLORS[h.code]]),
    );
    expect(bars.rows[0]?.name).toBe('AI & Semiconductors');
    expect(bars.rows[0]?.values).toEqual({ on_track: 1, at_risk: 0, off_track: 1, stale: 1 });
    // Single-valued: each row's segments add up to its total.
    for (const r of bars.rows) expect(Object.values(r.values).reduce((a, b) => a + b, 0)).toBe(r.total);
  });

  it('keeps only the filtered fields when the filter restricts that dimension', () => {
    expect(stackedBars(items, 'status', meta, 'ja', ['quantum']).rows.map((r) => r.code)).toEqual(['quantum']);
  });
});

const burnup: BurnupResponse = {
  asOf: '2026-11-26',
  basis: 'reported',
  deadline: {
    code: 'summer-2027',
    nameJa: '成長戦略改訂（2027年夏）',
    nameEn: 'Growth strategy revision (summer 2027)',
    date: '2027-06-30',
    daysLeft: 216,
  },
  interval: 'week',
  stepDays: 7,
  totalWeight: 38,
  forecast: {
    projectedProgress: 27 / 38,
    projectedCompletionDate: '2028-01-14',
    ratePerDay: 5 / 90,
    windowDays: 90,
    method: 'Linear projection',
    methodJa: '線形予測',
  },
  points: [
    { date: '2026-01-31', planned: 1 / 38, completed: 0, ideal: 0 },
    { date: '2026-11-26', planned: 21 / 38, completed: 15 / 38, ideal: 299 / 515, forecast: 15 / 38 },
    { date: '2027-06-30', planned: 1, completed: null, ideal: 1, forecast: 27 / 38 },
  ],
};

describe('burnupChartData', () => {
  it('turns fractions into percentages with one decimal and dates into day times', () => {
    const data = burnupChartData(burnup);
    expect(data.rows).toEqual([
      { date: '2026-01-31', time: Date.UTC(2026, 0, 31), planned: 2.6, completed: 0, ideal: 0, forecast: null },
      { date: '2026-11-26', time: Date.UTC(2026, 10, 26), planned: 55.3, completed: 39.5, ideal: 58.1, forecast: 39.5 },
      { date: '2027-06-30', time: Date.UTC(2027, 5, 30), planned: 100, completed: null, ideal: 100, forecast: 71.1 },
    ]);
    expect(data.asOfTime).toBe(Date.UTC(2026, 10, 26));
    expect(data.deadlineTime).toBe(Date.UTC(2027, 5, 30));
    expect(data.totalWeight).toBe(38);
  });

  it('rounds half a per mille up', () => {
    expect(toPercent(0.0005)).toBe(0.1);
    expect(toPercent(1)).toBe(100);
  });
});

describe('forecastSentences', () => {
  const base: ForecastInput = { forecast: burnup.forecast, progress: 15 / 38, deadline: burnup.deadline };

  it('states the projection and how late the remaining work would finish', () => {
    expect(forecastSentences(base, 'ja', 38)).toEqual([
      {
        key: 'dashboard.forecastSentence',
        params: { window: 90, deadline: '2027年6月30日', projected: '71.1%', current: '39.5%' },
      },
      { key: 'dashboard.forecastDoneLate', params: { date: '2028年1月14日', count: 198 } },
    ]);
    expect(daysBetween('2027-06-30', '2028-01-14')).toBe(198);
    expect(forecastSentences(base, 'en')[0]?.params.deadline).toBe('30 Jun 2027');
  });

  it('says the work would be done in time when the date is on or before the deadline', () => {
    const onTime = { ...base, forecast: { ...base.forecast, projectedProgress: 1, projectedCompletionDate: '2027-05-01' } };
    expect(forecastSentences(onTime, 'ja')[1]).toEqual({ key: 'dashboard.forecastDone', params: { date: '2027年5月1日' } });
  });

  it('says no date can be projected when nothing was completed recently', () => {
    const stalled = { ...base, forecast: { ...base.forecast, projectedCompletionDate: null, ratePerDay: 0 } };
    expect(forecastSentences(stalled, 'ja')[1]).toEqual({ key: 'dashboard.forecastNever', params: { window: 90 } });
  });

  it('covers done, past deadlines and deadlines with nothing due', () => {
    expect(forecastSentences({ ...base, progress: 1 }, 'ja')).toEqual([{ key: 'dashboard.forecastComplete', params: {} }]);
    const past = { ...base, progress: 10 / 13, deadline: { ...base.deadline, date: '2026-06-30', daysLeft: -149 } };
    expect(forecastSentences(past, 'ja')).toEqual([
      { key: 'dashboard.forecastPast', params: { deadline: '2026年6月30日', current: '76.9%' } },
    ]);
    expect(forecastSentences(base, 'en', 0)).toEqual([{ key: 'dashboard.forecastNoScope', params: { deadline: '30 Jun 2027' } }]);
  });
});

const heatmap: Pick<HeatmapResponse, 'fields' | 'ministries' | 'cells'> = {
  fields: [
    { code: 'ai-semiconductors', nameJa: 'AI・半導体', nameEn: 'AI & Semiconductors' },
    { code: 'shipbuilding', nameJa: '造船', nameEn: 'Shipbuilding' },
    { code: 'quantum', nameJa: '量子', nameEn: 'Quantum' },
  ],
  ministries: [
    { code: 'cao', nameJa: '内閣府', nameEn: 'Cabinet Office' },
    { code: 'env', nameJa: '環境省', nameEn: 'Ministry of the Environment' },
    { code: 'meti', nameJa: '経済産業省', nameEn: 'Ministry of Economy, Trade and Industry' },
  ],
  cells: [
    { field: 'ai-semiconductors', ministry: 'cao', total: 1, behind: 1, progress: 0 },
    { field: 'ai-semiconductors', ministry: 'meti', total: 2, behind: 1, progress: 0.3 },
    { field: 'quantum', ministry: 'meti', total: 1, behind: 0, progress: 0.375 },
  ],
};

describe('heatmapMatrix', () => {
  it('lays the cells out by field and ministry, leaving out rows and columns with no measure', () => {
    const m = heatmapMatrix(heatmap, 'ja');
    expect(m.columns).toEqual([
      { code: 'cao', label: '内閣府', name: '内閣府' },
      { code: 'meti', label: '経済産業省', name: '経済産業省' },
    ]);
    expect(m.rows.map((r) => r.code)).toEqual(['ai-semiconductors', 'quantum']);
    expect(m.omittedRows).toBe(1);
    expect(m.omittedColumns).toBe(1);
    const [first, second] = m.rows;
    expect(first?.cells.map((c) => c && [c.total, c.behind, c.share])).toEqual([
      [1, 1, 1],
      [2, 1, 0.5],
    ]);
    expect(second?.cells[0]).toBeNull();
    expect(first?.cells[0]?.background).toBe(heatColor(1));
    expect(first?.cells[0]?.color).toBe('#ffffff');
    expect(second?.cells[1]?.color).toBe('#1a1a1a');
  });

  it('abbreviates ministries in English and restricts to the filtered fields and ministries', () => {
    const m = heatmapMatrix(heatmap, 'en', { field: ['ai-semiconductors'], ministry: ['meti', 'env'] });
    expect(m.columns).toEqual([{ code: 'meti', label: 'METI', name: 'Ministry of Economy, Trade and Industry' }]);
    expect(m.rows.map((r) => [r.name, r.cells.map((c) => c?.total)])).toEqual([['AI & Semiconductors', [2]]]);
    expect(m.omittedRows).toBe(0);
    expect(m.omittedColumns).toBe(1);
    expect(
      heatmapMatrix({ ...heatmap, cells: [{ field: 'quantum', ministry: 'env', total: 1, behind: 0, progress: 0 }] }, 'en')
        .columns[0]?.label,
    ).toBe('MOE');
  });
});

describe('heat colours', () => {
  it('runs from the lightest to the darkest stop, monotonically darker', () => {
    expect(heatColor(0)).toBe('#fef6ec');
    expect(heatColor(1)).toBe('#7f2704');
    expect(heatColor(-1)).toBe(heatColor(0));
    expect(heatColor(2)).toBe(heatColor(1));
    const lightness = (hex: string) => [1, 3, 5].reduce((sum, i) => sum + parseInt(hex.slice(i, i + 2), 16), 0);
    const shades = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1].map((s) => lightness(heatColor(s)));
    for (let i = 1; i < shades.length; i++) expect(shades[i]).toBeLessThan(shades[i - 1] ?? Infinity);
  });

  it('picks the text colour with the better contrast', () => {
    expect(textColorOn('#ffffff')).toBe('#1a1a1a');
    expect(textColorOn('#000000')).toBe('#ffffff');
    expect(heatLegend('ja').map((s) => s.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });
});

describe('wrapLabel', () => {
  it('keeps short labels on one line', () => {
    expect(wrapLabel('量子', 10)).toEqual(['量子']);
    expect(textWidthEm('AI・半導体')).toBeCloseTo(5.2);
  });

  it('breaks Japanese after 「・」 or before a bracket, English at a space', () => {
    expect(wrapLabel('デジタル・サイバーセキュリティ', 12)).toEqual(['デジタル・', 'サイバーセキュリティ']);
    expect(wrapLabel('マテリアル（重要鉱物・部素材）', 12)).toEqual(['マテリアル（重要鉱物・', '部素材）']);
    expect(wrapLabel('Ministry of Economy, Trade and Industry', 15)).toEqual(['Ministry of Economy,', 'Trade and Industry']);
  });

  it('cuts where there is no break point and ends an overlong second line with an ellipsis', () => {
    expect(wrapLabel('あいうえおかきくけこ', 4)).toEqual(['あいうえ', 'おかき…']);
  });
});

describe('behindItems', () => {
  it('keeps the measures off track, stale or with an overdue milestone', () => {
    const m = (code: string, health: 'on_track' | 'at_risk' | 'off_track' | 'stale', overdue: number) => ({
      code,
      health,
      milestones: { total: 2, done: 0, overdue },
    });
    const list = [m('A', 'off_track', 0), m('B', 'stale', 0), m('C', 'at_risk', 1), m('D', 'at_risk', 0), m('E', 'on_track', 0)];
    expect(behindItems(list).map((x) => x.code)).toEqual(['A', 'B', 'C']);
  });
});
