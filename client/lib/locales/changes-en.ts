import type { changesJa } from './changes-ja';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// English mirrors the Japanese keys exactly (changes-ja.ts): a missing key is a type error.
export const changesEn: Shape<typeof changesJa> = {
  changes: {
    nav: 'Changes since the last meeting',
    title: 'Changes since the last meeting',
    intro: 'What changed between two instants, measure by measure. The filters apply as of the end of the comparison.',
    period: 'From {{from}} to {{to}}',
    now: 'now',
    fromLabel: 'Compare from',
    fromDefault: 'The last meeting (default)',
    fromDate: 'Start date',
    toLabel: 'End date',
    toHelp: 'Empty means now',
    meetingOption: '{{name}} ({{date}})',
    edition: 'edition {{code}}',
    countsLabel: 'Changes by kind',
    kindLabel: 'Kind',
    kindAll: 'Every kind',
    window:
      'Showing {{shown}} of {{total}} changes (the first {{limit}} of each kind). Choose a kind to page through the rest, or download them all.',
    windowOfKind: '{{kind}}: {{first}}–{{last}} of {{total}}',
    pagesOf: 'Pages of {{kind}}',
    groupLabel: 'Group by',
    groupField: 'By field',
    groupMinistry: 'By lead ministry',
    noField: 'No field',
    itemsOf: '{{name}}: {{count}}',
    empty: 'Nothing changed in this period.',
    fromRequired: 'No meeting has been held yet. Choose where to compare from.',
    downloadHint: 'The changes in this period (with the filters)',
    downloadContext: 'the changes',
    kinds: {
      status_changed: 'Status changed',
      health_improved: 'Health improved',
      health_worsened: 'Health worsened',
      milestone_completed: 'Milestone completed',
      milestone_slipped: 'Milestone slipped',
      newly_overdue: 'Newly overdue',
      newly_stale: 'Newly stale',
      measure_added: 'Measure added',
      kpi_category_changed: 'KPI category changed',
    },
    words: {
      change: '{{before}} → {{after}}',
      completed: '{{milestone}}: completed {{date}}',
      slipped: '{{milestone}}: {{before}} → {{after}} ({{days}} days)',
      overdue: '{{milestone}}: past its due date {{due}}',
      added: 'Added ({{status}})',
      kpi: '{{kpi}}: category {{before}} → {{after}}',
    },
    separator: ': ',
    itemDate: 'Date: {{date}}',
  },
};
