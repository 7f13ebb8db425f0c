import type { editionsJa } from './editions-ja';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// English mirrors the Japanese keys exactly (editions-ja.ts): a missing key is a type error.
export const editionsEn: Shape<typeof editionsJa> = {
  editions: {
    nav: 'Meeting editions',
    bannerLabel: 'Meeting edition (frozen)',
    bannerTitle: 'Edition for {{meeting}} ({{date}})',
    bannerAsOf: 'The figures as of {{date}}, frozen.',
    bannerFrozen: 'Frozen on {{date}} by {{who}}',
    bannerFilters: 'Filters',
    bannerNoFilters: 'None (every measure)',
    bannerBasis: 'Basis',
    bannerDeadline: 'Deadline',
    latest: 'See the latest figures',
    notFrozen: 'This section is not part of the edition. See it with the latest figures.',
    notFound: 'There is no edition “{{code}}”.',
    loadFailed: 'The edition could not be loaded.',
    backToLatest: 'Back to the latest dashboard',
    freeze: 'Freeze as a meeting edition',
    dialogTitle: 'Freeze as a meeting edition',
    dialogIntro:
      'Freezes the dashboard’s figures under its current filters, deadline, as-of date and basis. A frozen edition can never be changed.',
    meeting: 'Meeting',
    noMeetings: 'No meetings are configured.',
    code: 'Edition code',
    codeHint: 'Lower-case letters, digits, hyphens and underscores',
    submit: 'Freeze',
    cancel: 'Cancel',
    codeTaken: 'An edition with this code exists already; choose another code.',
    codeRequired: 'Enter an edition code.',
    pageTitle: 'Meeting editions',
    pageIntro: 'The figures presented at meetings, frozen. Each opens exactly as it was when it was frozen.',
    empty: 'No edition has been frozen yet.',
    columnMeeting: 'Meeting',
    columnCode: 'Code',
    columnAsOf: 'As of',
    columnFrozenBy: 'Frozen by',
    columnFrozenAt: 'Frozen at',
    columnLinks: 'Open',
    openDashboard: 'Dashboard',
    openReport: 'Printable report',
    meetingOption: '{{name}} ({{date}})',
  },
};
