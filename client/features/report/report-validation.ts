import type { ApiIssue } from '../../lib/api-client';
import { jstDateOfInstant } from '../../../common/calendar';
import { MAX_NOTE_LENGTH, MAX_URL_LENGTH, isHttpUrl } from '../../../common/limits';
import type { MeasureDetail, ReportBody } from '../../lib/measure-writes';
import type { Translate } from '../../lib/i18n';

// The report form's checks, the same ones the server makes (server/schemas/writes.ts and
// server/services/measure-write-plans.ts), so that a lead sees them beside the field before sending.
// The server checks again; its 400 issues are mapped back to the same fields (issuesToErrors).

export type ReportedHealth = ReportBody['health'];
export type Status = ReportBody['status'];

export interface Completion {
  checked: boolean;
  /** YYYY-MM-DD (JST). */
  date: string;
}

export interface ReportValues {
  status: Status;
  health: ReportedHealth | '';
  note: string;
  evidenceUrl: string;
  /** By milestone id. */
  completions: Record<number, Completion>;
}

/** A field's key: status, health, note, evidenceUrl, or milestone-<id> for a completion date. */
export type FieldKey = string;
export type ReportErrors = Record<FieldKey, string>;

export function milestoneKey(id: number): FieldKey {
  return `milestone-${id}`;
}

export function initialValues(measure: MeasureDetail, today: string): ReportValues {
  const completions: Record<number, Completion> = {};
  for (const m of measure.milestoneList) if (m.completedDate === null) completions[m.id] = { checked: false, date: today };
  return {
    status: measure.status,
    health: measure.reportedHealth ?? '',
    note: '',
    evidenceUrl: '',
    completions,
  };
}

/** Values carried onto a newer version of the measure: milestones completed meanwhile are dropped. */
export function rebaseValues(
  values: ReportValues,
  current: MeasureDetail,
  today: string,
): { values: ReportValues; dropped: number[] } {
  const fresh = initialValues(current, today);
  const dropped: number[] = [];
  for (const [key, completion] of Object.entries(values.completions)) {
    const id = Number(key);
    if (!completion.checked) continue;
    if (fresh.completions[id]) fresh.completions[id] = completion;
    else dropped.push(id);
  }
  return { values: { ...values, completions: fresh.completions }, dropped };
}

export function validateReport(values: ReportValues, measure: MeasureDetail, today: string, t: Translate): ReportErrors {
  const errors: ReportErrors = {};
  if (!values.status) errors.status = t('report.errors.statusRequired');
  if (!values.health) errors.health = t('report.errors.healthRequired');
  const note = values.note.trim();
  if (!note) errors.note = t('report.errors.noteRequired');
  else if (values.note.length > MAX_NOTE_LENGTH)
    errors.note = t('report.errors.noteTooLong', { max: MAX_NOTE_LENGTH, count: values.note.length });
  const url = values.evidenceUrl.trim();
  if (url) {
    if (url.length > MAX_URL_LENGTH) errors.evidenceUrl = t('report.errors.urlTooLong', { max: MAX_URL_LENGTH });
    else if (!isHttpUrl(url)) errors.evidenceUrl = t('report.errors.urlInvalid');
  }
  const created = jstDateOfInstant(measure.createdAt);
  for (const m of measure.milestoneList) {
    const completion = values.completions[m.id];
    if (!completion?.checked) continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(completion.date)) errors[milestoneKey(m.id)] = t('report.errors.dateRequired');
    else if (completion.date > today) errors[milestoneKey(m.id)] = t('report.errors.dateFuture', { today });
    else if (completion.date < created) errors[milestoneKey(m.id)] = t('report.errors.dateBeforeCreated', { date: created });
  }
  if (values.status === 'completed') {
    const open = measure.milestoneList.filter((m) => m.completedDate === null && !values.completions[m.id]?.checked);
    if (open.length > 0) errors.status = t('report.errors.completedWithOpen', { count: open.length });
  }
  return errors;
}

export function toReportBody(values: ReportValues, measure: MeasureDetail): ReportBody | null {
  if (!values.health) return null;
  const url = values.evidenceUrl.trim();
  const milestonesCompleted = measure.milestoneList.flatMap((m) => {
    const completion = values.completions[m.id];
    return completion?.checked ? [{ milestoneId: m.id, completedDate: completion.date }] : [];
  });
  return {
    status: values.status,
    health: values.health,
    note: values.note.trim(),
    ...(url ? { evidenceUrl: url } : {}),
    ...(milestonesCompleted.length > 0 ? { milestonesCompleted } : {}),
  };
}

/** The server's 400 issues, keyed like the form's own errors (anything unplaceable goes under ''). */
export function issuesToErrors(issues: ApiIssue[], body: ReportBody, t: Translate): ReportErrors {
  const errors: ReportErrors = {};
  const add = (key: FieldKey, message: string) => {
    const text = t('form.server', { message });
    errors[key] = errors[key] ? `${errors[key]} ${text}` : text;
  };
  for (const issue of issues) {
    const [head, index] = issue.path;
    if (head === 'status' || head === 'health' || head === 'note' || head === 'evidenceUrl') add(head, issue.message);
    else if (head === 'milestonesCompleted' && typeof index === 'number' && body.milestonesCompleted?.[index]) {
      add(milestoneKey(body.milestonesCompleted[index].milestoneId), issue.message);
    } else add('', `${issue.path.join('.')}: ${issue.message}`);
  }
  return errors;
}
