import type { z } from 'zod';
import type { KpiDto, milestoneFollowUpFields, reportFollowUpFields } from '../../server/schemas/follow-up';
import type { MeasureDetailResponse, MilestoneDto, ReportDto } from '../../server/schemas/responses';
import { readApiError } from './api-client';

// follow-up fields: see server/schemas/follow-up.ts. The measure detail as the follow-up round
// extends it (reportFollowUpFields, milestoneFollowUpFields, measureKpiFields), for the measure page
// and the report form. The server routes that add these fields are built alongside; until they
// land, a detail without them reads as what it means without a follow-up round (every report
// submitted in no round, a completed milestone reported but not verified, no KPI), so the pages
// work on either server. After merging, the lead can type the detail from responses.ts and drop
// `withFollowUpDefaults`.

type FieldsOf<T extends Record<string, z.ZodType>> = { [K in keyof T]: z.infer<T[K]> };
type ReportFollowUp = FieldsOf<typeof reportFollowUpFields>;
type MilestoneFollowUp = FieldsOf<typeof milestoneFollowUpFields>;

export type ReportWithFollowUp = ReportDto & ReportFollowUp;
export type MilestoneWithFollowUp = MilestoneDto & MilestoneFollowUp;
export type DetailWithFollowUp = Omit<MeasureDetailResponse, 'reports' | 'milestoneList'> & {
  reports: ReportWithFollowUp[];
  milestoneList: MilestoneWithFollowUp[];
  kpis: KpiDto[];
};

/** The detail as a server with or without the follow-up fields sends it. */
type DetailAsSent = Omit<MeasureDetailResponse, 'reports' | 'milestoneList'> & {
  reports: (ReportDto & Partial<ReportFollowUp>)[];
  milestoneList: (MilestoneDto & Partial<MilestoneFollowUp>)[];
  kpis?: KpiDto[];
};

export function withFollowUpDefaults(detail: DetailAsSent): DetailWithFollowUp {
  return {
    ...detail,
    kpis: detail.kpis ?? [],
    reports: detail.reports.map((r) => ({
      ...r,
      roundCode: r.roundCode ?? null,
      late: r.late ?? false,
      review: r.review ?? { state: 'submitted', comment: null, reviewer: null, reviewedAt: null },
    })),
    milestoneList: detail.milestoneList.map((m) => ({
      ...m,
      evidenceUrl: m.evidenceUrl ?? null,
      completion: m.completion ?? (m.completedDate ? 'reported' : 'open'),
      verifiedAt: m.verifiedAt ?? null,
      verifiedBy: m.verifiedBy ?? null,
      verificationHistory: m.verificationHistory ?? [],
    })),
  };
}

/** GET /measures/:code (optionally as of a date) with the follow-up fields, and its ETag. */
export async function fetchDetailWithFollowUp(code: string, asOf = ''): Promise<{ measure: DetailWithFollowUp; etag: string }> {
  const search = asOf ? `?${new URLSearchParams({ asOf }).toString()}` : '';
  const res = await fetch(`/api/v1/measures/${encodeURIComponent(code)}${search}`, { credentials: 'same-origin' });
  if (!res.ok) throw await readApiError(res);
  const body: DetailAsSent = await res.json();
  const measure = withFollowUpDefaults(body);
  return { measure, etag: res.headers.get('ETag') ?? `"v${measure.version}"` };
}
