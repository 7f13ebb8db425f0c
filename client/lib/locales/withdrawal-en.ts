import type { withdrawalJa } from './withdrawal-ja';

// Withdrawing and restoring measures (docs/decisions/024), in English.
export const withdrawalEn: typeof withdrawalJa = {
  withdrawal: {
    badge: 'Withdrawn',
    notice: 'This measure was withdrawn on {{date}}.',
    noticeReason: 'Reason: {{reason}}',
    noticeBy: 'Recorded by {{by}} at {{at}}',
    noticeAsOf: 'It is left out of the lists and figures; views as of a day before {{date}} still include it.',
    readOnly: 'A withdrawn measure cannot be changed. Restore it to report on it or edit it again.',
    withdrawTitle: 'Withdraw this measure',
    withdrawIntro:
      'A withdrawn measure leaves the lists, figures and exports from that day on. Nothing is deleted: it stays readable and in every view of an earlier day, and it can be restored.',
    restoreTitle: 'Restore this measure',
    restoreIntro: 'Once restored it is back in the lists and figures from that day on. The withdrawn period stays on record.',
    reason: 'Reason',
    reasonHint: 'Kept in the meeting materials and the audit trail (at most 2,000 characters).',
    date: 'Takes effect on',
    dateHint: 'Today when left empty; it cannot be after today.',
    withdraw: 'Withdraw',
    restore: 'Restore',
    confirmWithdrawTitle: 'Withdraw {{code}}?',
    confirmWithdraw: 'It leaves the lists and figures from {{date}} on.',
    confirmRestoreTitle: 'Restore {{code}}?',
    confirmRestore: 'It is back in the lists and figures from {{date}} on.',
    today: 'today',
    cancel: 'Cancel',
    withdrawn: 'Measure {{code}} was withdrawn.',
    restored: 'Measure {{code}} was restored.',
    errors: {
      reasonRequired: 'Enter a reason.',
      tooLong: 'Use at most {{max}} characters.',
      dateInvalid: 'Enter a valid date.',
    },
    filterLabel: 'Withdrawn measures',
    filter: { exclude: 'Leave out', include: 'Include', only: 'Only withdrawn' },
  },
};
