import type {
  KpiQueueItem,
  QueuedReport,
  ReportQueueItem,
  RoundDetailResponse,
  RoundSummary,
  VerificationQueueItem,
} from '../../server/schemas/follow-up';

// Contract-shaped answers (server/schemas/follow-up.ts) for the secretariat's screens' component tests.

const counts = (inScope: number, submitted: number, accepted: number, returned: number, late: number) => ({
  inScope,
  submitted,
  accepted,
  returned,
  missing: inScope - submitted - accepted - returned,
  late,
});

export function roundSummary(overrides: Partial<RoundSummary> = {}): RoundSummary {
  return {
    code: '2026-h2',
    titleJa: '2026年度下期フォローアップ',
    titleEn: 'FY2026 H2 follow-up',
    opensAt: '2026-10-31T15:00:00.000Z',
    // The end of 15 Dec 2026 in Japan.
    dueAt: '2026-12-15T14:59:59.999Z',
    closedAt: null,
    state: 'open',
    ministries: [],
    fields: [],
    deadline: null,
    totals: counts(5, 1, 1, 1, 1),
    ...overrides,
  };
}

export function roundDetail(overrides: Partial<RoundDetailResponse> = {}): RoundDetailResponse {
  const measure = (
    code: string,
    leadMinistry: string,
    state: RoundDetailResponse['measures'][number]['state'],
    late = false,
  ) => ({
    code,
    titleJa: `施策 ${code}`,
    titleEn: `Measure ${code}`,
    leadMinistry,
    state,
    late,
    reportId: state === 'missing' ? null : Number(code.slice(-1)) + 100,
    reportedAt: state === 'missing' ? null : '2026-11-20T01:00:00.000Z',
    comment: state === 'returned' ? '根拠資料を添付してください' : null,
  });
  return {
    ...roundSummary(),
    byMinistry: [
      { code: 'meti', nameJa: '経済産業省', nameEn: 'METI', ...counts(3, 1, 0, 1, 1) },
      { code: 'mext', nameJa: '文部科学省', nameEn: 'MEXT', ...counts(2, 0, 1, 0, 0) },
    ],
    measures: [
      measure('METI-0001', 'meti', 'submitted', true),
      measure('METI-0002', 'meti', 'returned'),
      measure('METI-0003', 'meti', 'missing'),
      measure('MEXT-0001', 'mext', 'accepted'),
      measure('MEXT-0002', 'mext', 'missing'),
    ],
    ...overrides,
  };
}

export function queuedReport(overrides: Partial<QueuedReport> = {}): QueuedReport {
  return {
    id: 41,
    reportedAt: '2026-11-20T01:00:00.000Z',
    reporter: 'lead.meti@demo.example.jp',
    status: 'in_progress',
    health: 'at_risk',
    note: '試作ラインの稼働が1か月遅れています。',
    evidenceUrl: 'https://www.meti.go.jp/evidence/41.pdf',
    milestonesCompleted: [{ milestoneId: 3, completedDate: '2026-11-15' }],
    roundCode: '2026-h2',
    late: false,
    review: { state: 'submitted', comment: null, reviewer: null, reviewedAt: null },
    ...overrides,
  };
}

export function reportQueueItem(overrides: Partial<ReportQueueItem> = {}): ReportQueueItem {
  return {
    measure: {
      code: 'METI-0001',
      titleJa: '次世代半導体の量産',
      titleEn: 'Mass production of next-generation chips',
      leadMinistry: 'meti',
    },
    report: queuedReport(),
    previous: queuedReport({
      id: 12,
      reportedAt: '2026-08-10T01:00:00.000Z',
      health: 'on_track',
      note: '計画どおり進んでいます。',
      evidenceUrl: null,
      milestonesCompleted: [],
      roundCode: null,
      review: {
        state: 'accepted',
        comment: null,
        reviewer: 'secretariat@demo.example.jp',
        reviewedAt: '2026-08-12T02:00:00.000Z',
      },
    }),
    ...overrides,
  };
}

export function verificationItem(overrides: Partial<VerificationQueueItem['milestone']> = {}): VerificationQueueItem {
  return {
    measure: { code: 'MEXT-0002', titleJa: '量子コンピュータの研究開発', titleEn: 'Quantum computer R&D', leadMinistry: 'mext' },
    milestone: {
      id: 77,
      titleJa: '試作機の完成',
      titleEn: 'Prototype completed',
      dueDate: '2026-12-31',
      completedDate: '2026-11-28',
      evidenceUrl: 'https://www.mext.go.jp/evidence/77.pdf',
      weight: 1,
      ...overrides,
    },
  };
}

export function kpiQueueItem(overrides: Partial<KpiQueueItem['kpi']> = {}): KpiQueueItem {
  return {
    measure: {
      code: 'METI-0001',
      titleJa: '次世代半導体の量産',
      titleEn: 'Mass production of next-generation chips',
      leadMinistry: 'meti',
    },
    kpi: {
      id: 5,
      nameJa: '国内生産能力',
      nameEn: 'Domestic production capacity',
      unit: '万枚/月',
      direction: 'increase',
      baselineValue: 10,
      baselineDate: '2024-04-01',
      targetValue: 50,
      targetDate: '2030-03-31',
      source: '経済産業省調べ',
      observations: [
        {
          id: 900,
          value: 14,
          observedOn: '2025-03-31',
          source: '経済産業省調べ',
          reportId: null,
          recordedBy: 'lead',
          createdAt: '2025-04-02T00:00:00.000Z',
        },
        {
          id: 901,
          value: 18,
          observedOn: '2026-09-30',
          source: '工場稼働報告',
          reportId: 41,
          recordedBy: 'lead',
          createdAt: '2026-10-02T00:00:00.000Z',
        },
      ],
      computedCategory: 'B',
      category: 'B',
      confirmation: null,
      achievedShare: 0.2,
      elapsedShare: 0.42,
      ...overrides,
    },
  };
}
