import { describe, expect, it } from 'vitest';
import {
  EMPTY_NEW_MILESTONE,
  newMilestoneIssueErrors,
  rescheduleError,
  toMilestoneCreateBody,
  validateNewMilestone,
} from '../../../../client/features/milestones/milestone-validation';

// The milestone editor's own checks, before anything is sent: the keys stand in for the messages.

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key);

describe('milestone validation', () => {
  it('asks for both titles, a due date within the plan range and a weight from 0 to 100', () => {
    expect(validateNewMilestone(EMPTY_NEW_MILESTONE, t)).toEqual({
      titleJa: 'milestones.errors.titleRequired',
      titleEn: 'milestones.errors.titleRequired',
      dueDate: 'milestones.errors.dueRequired',
    });
    const errors = validateNewMilestone(
      { titleJa: '節目', titleEn: 'x'.repeat(301), dueDate: '1999-12-31', weight: '101', evidenceUrl: '' },
      t,
    );
    expect(errors.titleJa).toBeUndefined();
    expect(errors.titleEn).toBe('milestones.errors.titleTooLong {"max":300}');
    expect(errors.dueDate).toBe('milestones.errors.dueRange');
    expect(errors.weight).toBe('milestones.errors.weightRange');
    expect(
      validateNewMilestone({ titleJa: '節目', titleEn: 'Step', dueDate: '2027-01-31', weight: '', evidenceUrl: '' }, t),
    ).toEqual({
      weight: 'milestones.errors.weightRange',
    });
  });

  it('refuses a reschedule to a bad date or to the date it already has', () => {
    expect(rescheduleError('', '2027-03-31', t)).toBe('milestones.errors.dueRequired');
    expect(rescheduleError('2027-03-31', '2027-03-31', t)).toBe('milestones.errors.noChange');
    expect(rescheduleError('2027-04-30', '2027-03-31', t)).toBeUndefined();
  });

  it('sends trimmed titles and a numeric weight, and places the server’s issues on the fields', () => {
    expect(
      toMilestoneCreateBody({ titleJa: ' 節目 ', titleEn: ' Step ', dueDate: '2027-01-31', weight: '2.5', evidenceUrl: '' }),
    ).toEqual({
      titleJa: '節目',
      titleEn: 'Step',
      dueDate: '2027-01-31',
      weight: 2.5,
    });
    expect(
      newMilestoneIssueErrors(
        [
          { path: ['dueDate'], message: 'too late' },
          { path: ['other'], message: 'ignored' },
        ],
        t,
      ),
    ).toEqual({ dueDate: 'form.server {"message":"too late"}' });
  });

  it('takes an optional http(s) evidence link for a new milestone and sends it trimmed', () => {
    const base = { titleJa: '節目', titleEn: 'Step', dueDate: '2027-01-31', weight: '1' };
    expect(validateNewMilestone({ ...base, evidenceUrl: 'javascript:alert(1)' }, t)).toEqual({
      evidenceUrl: 'report.errors.urlInvalid',
    });
    expect(validateNewMilestone({ ...base, evidenceUrl: '' }, t)).toEqual({});
    expect(toMilestoneCreateBody({ ...base, evidenceUrl: ' https://example.jp/a.pdf ' })).toMatchObject({
      evidenceUrl: 'https://example.jp/a.pdf',
    });
    expect(toMilestoneCreateBody({ ...base, evidenceUrl: '' })).not.toHaveProperty('evidenceUrl');
  });
});
