import { describe, expect, it } from 'vitest';
import { measureDetailView, measureListItemView } from '../../../server/domain/measure-views';
import type { MeasureListRecord, MeasureRecord, ReportRecord } from '../../../server/domain/measure-views';

// A measure as the API shows it, from hand-made records: today's state from the row, a past day's
// from the reports known then, and what was not yet known on that day left out.

const LINKS = { fields: ['quantum', 'ai'], primaryField: 'quantum', coMinistries: ['MEXT'], instruments: ['subsidy'] };
const IDENTITY = {
  code: 'METI-0001',
  titleJa: '量子計算機の開発',
  titleEn: 'Quantum computers',
  leadMinistry: 'METI',
  pillar: 'industry',
  links: LINKS,
  targetDate: '2027-03-31',
  review: 'accepted' as const,
};
const TODAY = { asOf: '2026-12-01', asOfInstant: '2026-12-01T03:00:00.000Z', historical: false };
const PAST = { asOf: '2026-10-31', asOfInstant: '2026-10-31T14:59:59.999Z', historical: true };

const listRecord = (overrides: Partial<MeasureListRecord> = {}): MeasureListRecord => ({
  ...IDENTITY,
  status: 'in_progress',
  health: 'at_risk',
  reportedHealth: 'at_risk',
  milestones: [
    { dueDate: '2026-09-30', completedDate: '2026-09-15', weight: 1, count: 1 },
    { dueDate: '2026-11-30', completedDate: null, weight: 3, count: 1 },
  ],
  lastReportedAt: '2026-11-10T01:00:00.000Z',
  latestReportAt: '2026-11-10T01:00:00.000Z',
  reportDueAt: '2026-12-10T01:00:00.000Z',
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-11-20T00:00:00.000Z',
  withdrawals: [],
  ...overrides,
});

const report = (id: number, reportedAt: string, overrides: Partial<ReportRecord> = {}): ReportRecord => ({
  id,
  reportedAt,
  reporter: '経済 太郎',
  status: 'in_progress',
  health: 'on_track',
  note: `report ${id}`,
  evidenceUrl: null,
  milestonesCompleted: [],
  roundCode: null,
  late: false,
  review: { state: 'submitted', comment: null, reviewer: null, reviewedAt: null },
  nextReportDueAt: '2026-11-09T00:00:00.000Z',
  ...overrides,
});

const UNVERIFIED = {
  evidenceUrl: null,
  verifiedAt: null,
  verifiedBy: null,
  verificationHistory: [],
  createdAt: '2026-04-01T00:00:00.000Z',
  revisions: [],
};

const detailRecord = (overrides: Partial<MeasureRecord> = {}): MeasureRecord => ({
  ...IDENTITY,
  withdrawals: [],
  summaryJa: '概要',
  summaryEn: 'Summary',
  current: {
    status: 'in_progress',
    health: 'off_track',
    reportDueAt: '2026-12-10T01:00:00.000Z',
    lastReportedAt: '2026-11-10T01:00:00.000Z',
  },
  startDate: '2026-04-01',
  ownerName: '経済 太郎',
  budgetYen: 1_000_000,
  budgetFiscalYear: 2026,
  kpiJa: 'KPI',
  kpiEn: 'KPI',
  reportingCycleDays: 30,
  version: 7,
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-11-20T00:00:00.000Z',
  milestones: [
    {
      id: 11,
      titleJa: '設計',
      titleEn: 'Design',
      baselineDueDate: '2026-09-30',
      dueDate: '2026-10-10',
      weight: 1,
      completedDate: '2026-10-05',
      ...UNVERIFIED,
      verifiedAt: '2026-11-01T00:00:00.000Z',
      verifiedBy: 'sec@example.go.jp',
    },
    {
      id: 12,
      titleJa: '試作',
      titleEn: 'Prototype',
      baselineDueDate: '2026-11-30',
      dueDate: '2026-11-30',
      weight: 1,
      completedDate: '2026-11-15',
      ...UNVERIFIED,
    },
    {
      id: 13,
      titleJa: '実証',
      titleEn: 'Trial',
      baselineDueDate: '2026-10-15',
      dueDate: '2026-10-15',
      weight: 2,
      completedDate: null,
      ...UNVERIFIED,
    },
  ],
  reports: [report(2, '2026-11-10T01:00:00.000Z', { health: 'off_track' }), report(1, '2026-10-10T01:00:00.000Z')],
  kpis: [],
  ...overrides,
});

describe('measureListItemView', () => {
  it('shows the codes of its links and its figures as of the view', () => {
    const item = measureListItemView(listRecord(), TODAY);
    expect(item).toMatchObject({
      coMinistries: ['MEXT'],
      fields: ['quantum', 'ai'],
      primaryField: 'quantum',
      instruments: ['subsidy'],
      stale: false,
      progress: 0.25,
      milestones: { total: 2, done: 1, overdue: 1 },
      updatedAt: '2026-11-20T00:00:00.000Z',
    });
  });

  it('is stale exactly when its effective health is', () => {
    expect(measureListItemView(listRecord({ health: 'stale' }), TODAY).stale).toBe(true);
  });

  it('as of a past day, was last changed by its latest report then, or else by its creation', () => {
    expect(measureListItemView(listRecord(), PAST).updatedAt).toBe('2026-11-10T01:00:00.000Z');
    expect(measureListItemView(listRecord({ lastReportedAt: null, latestReportAt: null }), PAST).updatedAt).toBe(
      '2026-04-01T00:00:00.000Z',
    );
    // On an accepted basis the report that counts may be older than the latest one: the change is the latest.
    expect(measureListItemView(listRecord({ lastReportedAt: '2026-09-01T01:00:00.000Z' }), PAST).updatedAt).toBe(
      '2026-11-10T01:00:00.000Z',
    );
  });
});

describe('measureDetailView', () => {
  it("today, shows the state cached on the measure and today's figures", () => {
    const detail = measureDetailView(detailRecord(), TODAY);
    expect(detail).toMatchObject({
      status: 'in_progress',
      health: 'off_track',
      reportedHealth: 'off_track',
      stale: false,
      lastReportedAt: '2026-11-10T01:00:00.000Z',
      reportDueAt: '2026-12-10T01:00:00.000Z',
      updatedAt: '2026-11-20T00:00:00.000Z',
      progress: 0.5,
      milestones: { total: 3, done: 2, overdue: 1 },
      version: 7,
    });
    expect(detail.milestoneList.map((m) => [m.id, m.slipDays, m.completedDate, m.overdue])).toEqual([
      [11, 10, '2026-10-05', false],
      [12, 0, '2026-11-15', false],
      [13, 0, null, true],
    ]);
  });

  it('as of a past day, takes its state from the latest report known then', () => {
    const record = detailRecord({
      reports: [report(1, '2026-10-10T01:00:00.000Z', { nextReportDueAt: '2026-11-09T01:00:00.000Z' })],
    });
    const detail = measureDetailView(record, PAST);
    expect(detail).toMatchObject({
      health: 'on_track',
      reportedHealth: 'on_track',
      lastReportedAt: '2026-10-10T01:00:00.000Z',
      reportDueAt: '2026-11-09T01:00:00.000Z',
      updatedAt: '2026-10-10T01:00:00.000Z',
    });
    // The prototype's completion on 11-15 was not known on 10-31.
    expect(detail.milestoneList.find((m) => m.id === 12)?.completedDate).toBeNull();
    expect(detail.milestones).toEqual({ total: 3, done: 1, overdue: 1 });
  });

  it('as of a day before any report, was not started and is stale', () => {
    const detail = measureDetailView(detailRecord({ reports: [] }), PAST);
    expect(detail).toMatchObject({
      status: 'not_started',
      health: 'stale',
      reportedHealth: null,
      stale: true,
      lastReportedAt: null,
      reportDueAt: '2026-04-01T00:00:00.000Z',
      updatedAt: '2026-04-01T00:00:00.000Z',
    });
  });

  it('shows its reports newest first, without when the next one was due', () => {
    const detail = measureDetailView(detailRecord(), TODAY);
    expect(detail.reports.map((r) => r.id)).toEqual([2, 1]);
    expect(detail.reports[0]).not.toHaveProperty('nextReportDueAt');
    expect(Object.keys(detail.reports[0] ?? {})).toEqual([
      'id',
      'reportedAt',
      'reporter',
      'status',
      'health',
      'note',
      'evidenceUrl',
      'milestonesCompleted',
      'roundCode',
      'late',
      'review',
    ]);
  });

  it('marks each milestone open, reported or verified, as known on the as-of day', () => {
    const today = measureDetailView(detailRecord(), TODAY).milestoneList;
    expect(today.map((m) => m.completion)).toEqual(['verified', 'reported', 'open']);
    expect(today[0]).toMatchObject({ verifiedAt: '2026-11-01T00:00:00.000Z', verifiedBy: 'sec@example.go.jp' });
    expect(today[1]).toMatchObject({ verifiedAt: null, verifiedBy: null });
    // On 10-31 the first was done but not yet verified, the second not yet done.
    const past = measureDetailView(detailRecord(), PAST).milestoneList;
    expect(past.map((m) => m.completion)).toEqual(['reported', 'open', 'open']);
    expect(past[0]).toMatchObject({ verifiedAt: null, verifiedBy: null });
  });
});
