import { createMilestone, updateMilestone } from '../../../lib/measure-writes';
import type { WriteOutcome } from '../../../lib/measure-writes';
import { toMilestoneCreateBody } from '../milestone-validation';
import type { NewMilestone } from '../milestone-validation';

/** What the editor sends: a new milestone, or a new due date for one (its baseline stays). */
export type MilestoneChange =
  { kind: 'add'; values: NewMilestone } | { kind: 'reschedule'; milestoneId: number; dueDate: string };

export function writeMilestoneChange(code: string, change: MilestoneChange, etag: string): Promise<WriteOutcome> {
  return change.kind === 'add'
    ? createMilestone(code, etag, toMilestoneCreateBody(change.values))
    : updateMilestone(code, change.milestoneId, etag, { dueDate: change.dueDate });
}
