import type { ReportedHealthCode, StatusCode } from './taxonomy';

// What one status report says (docs/product.md §2, "Status report"): the same whether a lead files it
// through the API or the seeds write it into the log.
export interface StatusReportContent {
  /** ISO instant (UTC). */
  reportedAt: string;
  /** The reporter's display name, as it was when the report was filed. */
  reporter: string;
  status: StatusCode;
  health: ReportedHealthCode;
  note: string;
  evidenceUrl: string | null;
}
