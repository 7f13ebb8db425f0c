import { describe, expect, it } from 'vitest';
import {
  behindItems,
  burnupGeometry,
  changeDate,
  changeValue,
  filterLines,
  filterRecordOf,
} from '../../../../client/features/meeting-report/report-data';
import { emptyFilters } from '../../../../client/lib/filters';
import type { BurnupResponse } from '../../../../server/schemas/responses';
import { MOCK_META } from '../../../support/mock-api';

// The report's pure mappings (client/features/meeting-report/report-data.ts): the filters in words,
// the burn-up drawn inside its box, change values and dates as Japan days.

const deadline = { code: 'd', nameJa: '期限', nameEn: 'Deadline', date: '2026-12-31', daysLeft: 30 };
const forecast = {
  projectedProgress: 0.5,
  projectedCompletionDate: null,
  ratePerDay: 0,
  windowDays: 90,
  method: '',
  methodJa: '',
};

describe('the report’s mappings', () => {
  it('names the filters in the page’s language, in the filter bar’s order, with the text search quoted', () => {
    const record = filterRecordOf({ ...emptyFilters(), ministry: ['mext'], field: ['quantum', 'ai'], q: ' 量子 ' });
    expect(filterLines(record, MOCK_META, 'ja')).toEqual([
      { key: 'field', values: ['量子', 'AI・半導体'] },
      { key: 'ministry', values: ['文部科学省'] },
      { key: 'q', values: ['「量子」'] },
    ]);
    expect(filterLines({ field: ['unknown'] }, MOCK_META, 'en')).toEqual([{ key: 'field', values: ['unknown'] }]);
    expect(filterLines(filterRecordOf(emptyFilters()), MOCK_META, 'ja')).toEqual([]);
  });

  it('draws the burn-up inside its box: planned as steps, completed up to the as-of date, forecast after it', () => {
    const response: BurnupResponse = {
      asOf: '2026-12-11',
      basis: 'reported',
      deadline,
      interval: 'day',
      stepDays: 1,
      totalWeight: 10,
      forecast,
      points: [
        { date: '2026-12-01', planned: 0, completed: 0, ideal: 0 },
        { date: '2026-12-11', planned: 0.5, completed: 0.3, ideal: 0.33, forecast: 0.3 },
        { date: '2026-12-31', planned: 1, completed: null, ideal: 1, forecast: 0.9 },
      ],
    };
    const g = burnupGeometry(response, 640, 280);
    expect(g.planned).toBe('M48,252H240V134H624V16');
    expect(g.completed).toBe('M48,252L240,181.2');
    expect(g.forecast).toBe('M240,181.2L624,39.6');
    expect(g.asOfX).toBe(240);
    expect(g.deadlineX).toBe(624);
    expect(g.xTicks.map((t) => t.date)).toEqual(['2026-12-01', '2026-12-09', '2026-12-16', '2026-12-24', '2026-12-31']);
    for (const t of g.xTicks) expect(t.x).toBeGreaterThanOrEqual(g.plot.left);
    for (const t of g.xTicks) expect(t.x).toBeLessThanOrEqual(g.plot.right);
  });

  it('says before and after in words, and an instant as the day it fell on in Japan', () => {
    expect(changeValue('planning', MOCK_META, 'ja')).toBe('計画中');
    expect(changeValue('at_risk', MOCK_META, 'en')).toBe('At risk');
    expect(changeValue('2027-03-31', MOCK_META, 'ja')).toBe('2027年3月31日');
    expect(changeValue('B', MOCK_META, 'ja')).toBe('B');
    expect(changeValue(null, MOCK_META, 'ja')).toBe('—');
    // 16:00 UTC is 01:00 the next day in Tokyo.
    expect(changeDate('2026-11-20T16:00:00.000Z', 'ja')).toBe('2026年11月21日');
    expect(changeDate('2026-11-20', 'en')).toBe('20 Nov 2026');
  });

  it('keeps of the behind list only the measures actually behind', () => {
    const items = [
      { code: 'a', health: 'on_track' as const, milestones: { total: 1, done: 0, overdue: 0 } },
      { code: 'b', health: 'on_track' as const, milestones: { total: 1, done: 0, overdue: 1 } },
      { code: 'c', health: 'stale' as const, milestones: { total: 1, done: 0, overdue: 0 } },
    ];
    expect(behindItems(items).map((i) => i.code)).toEqual(['b', 'c']);
  });
});
