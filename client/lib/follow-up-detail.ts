import type { MeasureDetailResponse, MilestoneDto, ReportDto } from '../../server/schemas/responses';

// The measure detail with the follow-up round's fields (docs/product.md §4, "The follow-up round"):
// each report's round and review, each milestone's evidence and verification, the KPIs. Names kept
// for the measure page's and the forms' components; the shapes are the server's own.

export type ReportWithFollowUp = ReportDto;
export type MilestoneWithFollowUp = MilestoneDto;
export type DetailWithFollowUp = MeasureDetailResponse;
