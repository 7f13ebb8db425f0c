// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KpiDto } from '../../../../server/schemas/follow-up';
import { MeasureDetailPage } from '../../../../client/features/measure-detail/components/measure-detail-page';
import { fixtureMeasures } from '../../../support/fixture-measures';
import { renderWithApp, routeFetchTo } from '../../../support/render-client';
import { createTestApp } from '../../../support/test-app';
import type { TestApp } from '../../../support/test-app';
import { interceptFollowUp } from '../../support/follow-up-fetch';

// The measure page in the follow-up round (docs/product.md §4): each report's review and round, each
// milestone's completion (reported / verified, by whom, when, the evidence), and the KPI table with
// its categories and a chart per KPI. The measure comes from the real app; its follow-up fields are
// added in the contract's shape (server/schemas/follow-up.ts).

const routes = [{ path: '/measures/:code', element: <MeasureDetailPage /> }];

const kpis: KpiDto[] = [
  {
    id: 7,
    nameJa: '量子コンピュータの利用者数',
    nameEn: 'Quantum computer users',
    unit: '人',
    direction: 'increase',
    baselineValue: 100,
    baselineDate: '2024-04-01',
    targetValue: 1000,
    targetDate: '2030-03-31',
    source: '文部科学省調べ',
    observations: [
      {
        id: 70,
        value: 150,
        observedOn: '2025-03-31',
        source: '',
        reportId: null,
        recordedBy: 'lead@mext',
        createdAt: '2025-04-10T00:00:00Z',
      },
      {
        id: 71,
        value: 260,
        observedOn: '2026-03-31',
        source: '',
        reportId: null,
        recordedBy: 'lead@mext',
        createdAt: '2026-04-10T00:00:00Z',
      },
    ],
    computedCategory: 'B',
    category: 'A',
    confirmation: {
      category: 'A',
      computedCategory: 'B',
      reason: '年度末に大型案件が稼働予定',
      actor: 'secretariat@demo.example.jp',
      confirmedAt: '2026-05-01T01:00:00Z',
      observationId: 71,
    },
    achievedShare: 0.18,
    elapsedShare: 0.33,
  },
  {
    id: 8,
    nameJa: '試作機の台数',
    nameEn: 'Prototypes built',
    unit: '台',
    direction: 'increase',
    baselineValue: 0,
    baselineDate: '2025-04-01',
    targetValue: 5,
    targetDate: '2028-03-31',
    source: '',
    observations: [],
    computedCategory: 'N',
    category: 'N',
    confirmation: null,
    achievedShare: null,
    elapsedShare: null,
  },
];

describe('the measure page in the follow-up round', () => {
  let t: TestApp;
  let restore: () => void;
  let restoreFollowUp: () => void;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { measures: fixtureMeasures() });
    restore = routeFetchTo(t.app);
    restoreFollowUp = interceptFollowUp({
      augment: (path, body) => {
        if (path !== '/api/v1/measures/MEXT-0002') return undefined;
        const reports = Array.isArray(body.reports) ? body.reports : [];
        const milestones = Array.isArray(body.milestoneList) ? body.milestoneList : [];
        return {
          kpis,
          reports: reports.map((r: Record<string, unknown>, i: number) => ({
            ...r,
            roundCode: i === 0 ? '2026-autumn' : null,
            late: i === 0,
            review:
              i === 0
                ? {
                    state: 'returned',
                    comment: 'KPIの実績の出典を示してください',
                    reviewer: 'secretariat@demo.example.jp',
                    reviewedAt: '2026-11-20T02:00:00Z',
                  }
                : i === 1
                  ? {
                      state: 'accepted',
                      comment: null,
                      reviewer: 'secretariat@demo.example.jp',
                      reviewedAt: '2026-10-01T02:00:00Z',
                    }
                  : { state: 'submitted', comment: null, reviewer: null, reviewedAt: null },
          })),
          milestoneList: milestones.map((m: Record<string, unknown>, i: number) => {
            const done = typeof m.completedDate === 'string';
            const verified = done && i === 0;
            return {
              ...m,
              evidenceUrl: done ? `https://example.jp/evidence/${i}` : null,
              completion: verified ? 'verified' : done ? 'reported' : 'open',
              verifiedAt: verified ? '2026-11-02T05:00:00Z' : null,
              verifiedBy: verified ? 'secretariat@demo.example.jp' : null,
              verificationHistory: [],
            };
          }),
        };
      },
    }).restore;
  });
  afterEach(cleanup);
  afterAll(async () => {
    restoreFollowUp();
    restore();
    await t.drop();
  });

  it('shows each report’s review and round, the returned one with its comment (Japanese)', async () => {
    renderWithApp(routes, { path: '/measures/MEXT-0002' });
    const history = await screen.findByRole('table', { name: '進捗報告の履歴' });
    const reviews = within(history).getAllByTestId('report-review');
    expect(reviews[0]).toHaveTextContent('差し戻し');
    expect(reviews[0]).toHaveTextContent('KPIの実績の出典を示してください');
    expect(reviews[1]).toHaveTextContent('受理');
    expect(reviews.at(-1)).toHaveTextContent('確認待ち');
    const rounds = within(history).getAllByTestId('report-round');
    expect(rounds[0]).toHaveTextContent('2026-autumn期限後');
    expect(rounds[1]).toHaveTextContent('—');
  });

  it('marks each milestone as open, reported or verified, with who verified it, when, and the evidence', async () => {
    renderWithApp(routes, { path: '/measures/MEXT-0002' });
    await screen.findByRole('table', { name: '進捗報告の履歴' });
    const items = [...document.querySelectorAll<HTMLElement>('.timeline li')];
    const verified = items.find((li) => li.dataset.completion === 'verified');
    if (!verified) throw new Error('no verified milestone');
    expect(within(verified).getByTestId('completion-mark')).toHaveTextContent('確認済み');
    expect(within(verified).getByTestId('verified-by')).toHaveTextContent(
      '事務局が確認：secretariat@demo.example.jp（2026年11月2日',
    );
    expect(within(verified).getByRole('link', { name: '根拠資料' })).toHaveAttribute('href', 'https://example.jp/evidence/0');
    const open = items.filter((li) => li.dataset.completion === 'open');
    expect(open.length).toBeGreaterThan(0);
    for (const li of open) expect(within(li).getByTestId('completion-mark').textContent).toMatch(/未完了|期日超過/);
    for (const li of items.filter((li) => li.dataset.completion === 'reported'))
      expect(within(li).getByTestId('completion-mark')).toHaveTextContent('報告済み');
  });

  it('lists the KPIs with baseline → target, the latest value, the shown and the computed category, the reason and a chart', async () => {
    renderWithApp(routes, { path: '/measures/MEXT-0002' });
    const panel = await screen.findByTestId('kpi-table');
    const row = within(panel).getByRole('rowheader', { name: '量子コンピュータの利用者数' }).closest('tr');
    if (!row) throw new Error('no KPI row');
    expect(row).toHaveTextContent('100 (2024年4月1日) → 1,000 (2030年3月31日)');
    expect(within(row).getByTestId('kpi-latest')).toHaveTextContent('260 (2026年3月31日)');
    expect(within(row).getByTestId('kpi-category')).toHaveTextContent('A 順調計算上は B 遅れ');
    expect(within(row).getByTestId('kpi-reason')).toHaveTextContent('年度末に大型案件が稼働予定');
    const chart = within(row).getByRole('img');
    expect(chart).toHaveAccessibleName(
      '基準値 100（2024年4月1日）から目標値 1,000（2030年3月31日）へのペース線（単位：人）。実績 2 件、最新は 260（2026年3月31日）',
    );
    expect(chart.querySelectorAll('.kpi-chart-observation')).toHaveLength(2);
    const empty = within(panel).getByRole('rowheader', { name: '試作機の台数' }).closest('tr');
    if (!empty) throw new Error('no KPI row');
    expect(within(empty).getByTestId('kpi-latest')).toHaveTextContent('実績なし');
    expect(within(empty).getByTestId('kpi-category')).toHaveTextContent('N データなし事務局未確定');
  });

  it('has no accessibility violations axe can find without a layout', async () => {
    const { container } = renderWithApp(routes, { path: `/measures/MEXT-0002` });
    await screen.findByTestId('kpi-table');
    // jsdom lays nothing out, so contrast is left to the browser scan (tests/e2e/accessibility.test.ts).
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('says the same in English', async () => {
    renderWithApp(routes, { path: '/measures/MEXT-0002', language: 'en' });
    const history = await screen.findByRole('table', { name: 'Report history' });
    expect(within(history).getAllByTestId('report-review')[0]).toHaveTextContent('Returned');
    expect(within(history).getAllByTestId('report-round')[0]).toHaveTextContent('Late');
    const panel = screen.getByTestId('kpi-table');
    const row = within(panel).getByRole('rowheader', { name: 'Quantum computer users' }).closest('tr');
    if (!row) throw new Error('no KPI row');
    expect(within(row).getByTestId('kpi-category')).toHaveTextContent('A on paceComputed: B behind');
    expect(screen.getAllByTestId('completion-mark').map((m) => m.textContent)).toContain('✔✔ Verified');
  });
});
