import { createMilestone, updateMilestone } from '../../../lib/measure-writes';
import type { MilestonePatchBody, WriteOutcome } from '../../../lib/measure-writes';
import { toMilestoneCreateBody } from '../milestone-validation';
import type { NewMilestone } from '../milestone-validation';

/**
 * What the editor sends: a new milestone, a new due date for one (its baseline stays), or its evidence
 * link (null removes it; docs/product.md §4, what the secretariat verifies a completion against).
 */
export type MilestoneChange =
  | { kind: 'add'; values: NewMilestone }
  | { kind: 'reschedule'; milestoneId: number; dueDate: string; reason: string }
  | { kind: 'evidence'; milestoneId: number; evidenceUrl: string | null };

/** follow-up fields: see server/schemas/follow-up.ts (`evidenceUrl` on milestone PATCH). */
type EvidencePatch = MilestonePatchBody & { evidenceUrl: string | null };

export function writeMilestoneChange(code: string, change: MilestoneChange, etag: string): Promise<WriteOutcome> {
  if (change.kind === 'add') return createMilestone(code, etag, toMilestoneCreateBody(change.values));
  if (change.kind === 'reschedule') {
    // The reason goes with the revision the new date appends (docs/decisions/012-due-date-history.md).
    const reason = change.reason.trim();
    return updateMilestone(code, change.milestoneId, etag, { dueDate: change.dueDate, ...(reason ? { reason } : {}) });
  }
  const patch: EvidencePatch = { evidenceUrl: change.evidenceUrl };
  return updateMilestone(code, change.milestoneId, etag, patch);
}
