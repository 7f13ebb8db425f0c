import type { ApiIssue } from '../../lib/api-client';
import type { MilestoneCreateBody } from '../../lib/measure-writes';
import { MAX_TITLE_LENGTH, MAX_URL_LENGTH, isHttpUrl, isPlanDateInRange, isValidWeight } from '../../../common/limits';
import type { Translate } from '../../lib/i18n';

// The milestone editor's checks, the same ones the server makes, so that a lead sees them beside
// the field before sending. The server checks again; its 400 issues are mapped back to the fields.

/** The add form's values, as typed. */
export interface NewMilestone {
  titleJa: string;
  titleEn: string;
  dueDate: string;
  weight: string;
  /** Optional: where the secretariat can check the milestone's completion (docs/product.md §4). */
  evidenceUrl: string;
}

export type NewMilestoneField = keyof NewMilestone;
export type NewMilestoneErrors = Partial<Record<NewMilestoneField, string>>;

/** The add form's fields, in the order its error summary lists them. */
export const NEW_MILESTONE_FIELDS = [
  'titleJa',
  'titleEn',
  'dueDate',
  'weight',
  'evidenceUrl',
] as const satisfies readonly NewMilestoneField[];

export const EMPTY_NEW_MILESTONE: NewMilestone = { titleJa: '', titleEn: '', dueDate: '', weight: '1', evidenceUrl: '' };

function isNewMilestoneField(value: unknown): value is NewMilestoneField {
  return (NEW_MILESTONE_FIELDS as readonly unknown[]).includes(value);
}

export function dueDateError(value: string, t: Translate): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return t('milestones.errors.dueRequired');
  if (!isPlanDateInRange(value)) return t('milestones.errors.dueRange');
  return undefined;
}

export function validateNewMilestone(values: NewMilestone, t: Translate): NewMilestoneErrors {
  const errors: NewMilestoneErrors = {};
  for (const key of ['titleJa', 'titleEn'] as const) {
    const v = values[key].trim();
    if (!v) errors[key] = t('milestones.errors.titleRequired');
    else if (v.length > MAX_TITLE_LENGTH) errors[key] = t('milestones.errors.titleTooLong', { max: MAX_TITLE_LENGTH });
  }
  const due = dueDateError(values.dueDate, t);
  if (due) errors.dueDate = due;
  const weight = Number(values.weight);
  if (values.weight.trim() === '' || !isValidWeight(weight)) errors.weight = t('milestones.errors.weightRange');
  const evidence = evidenceUrlError(values.evidenceUrl, t);
  if (evidence) errors.evidenceUrl = evidence;
  return errors;
}

/** An evidence link: empty (none), or an http(s) URL within the length the server takes. */
export function evidenceUrlError(value: string, t: Translate): string | undefined {
  const url = value.trim();
  if (!url) return undefined;
  if (url.length > MAX_URL_LENGTH) return t('report.errors.urlTooLong', { max: MAX_URL_LENGTH });
  if (!isHttpUrl(url)) return t('report.errors.urlInvalid');
  return undefined;
}

/** A new due date for a milestone now due on `currentDue`: a valid date, and a different one. */
export function rescheduleError(newDue: string, currentDue: string, t: Translate): string | undefined {
  return dueDateError(newDue, t) ?? (newDue === currentDue ? t('milestones.errors.noChange') : undefined);
}

/** follow-up fields: see server/schemas/follow-up.ts (`evidenceUrl` on milestone create / PATCH). */
export type MilestoneCreateWithEvidence = MilestoneCreateBody & { evidenceUrl?: string | null };

export function toMilestoneCreateBody(values: NewMilestone): MilestoneCreateWithEvidence {
  const evidenceUrl = values.evidenceUrl.trim();
  return {
    titleJa: values.titleJa.trim(),
    titleEn: values.titleEn.trim(),
    dueDate: values.dueDate,
    weight: Number(values.weight),
    ...(evidenceUrl ? { evidenceUrl } : {}),
  };
}

/** The server's 400 issues on a new milestone, by field (issues about anything else are left out). */
export function newMilestoneIssueErrors(issues: ApiIssue[], t: Translate): NewMilestoneErrors {
  const errors: NewMilestoneErrors = {};
  for (const issue of issues) {
    const key = issue.path[0];
    if (isNewMilestoneField(key)) errors[key] = t('form.server', { message: issue.message });
  }
  return errors;
}

/** The server's 400 issues on a reschedule, all about its one field. */
export function rescheduleIssueError(issues: ApiIssue[], t: Translate): string {
  return t('form.server', { message: issues.map((i) => i.message).join(' ') });
}
