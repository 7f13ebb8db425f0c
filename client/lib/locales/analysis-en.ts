import type { analysisJa } from './analysis-ja';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// English mirrors the Japanese keys exactly (analysis-ja.ts): a missing key is a type error.
export const analysisEn: Shape<typeof analysisJa> = {
  analysis: {
    title: 'Analysis',
    intro:
      'Where the measures give support, as matrices. Each cell counts the measures that belong to both its row and its column; its colour is the share behind (off track or stale). Select a cell to open those measures.',
    summaryAsOf: 'As of {{date}}',
    deadline: 'Deadline',
    deadlineOption: '{{name}} ({{date}})',
    fieldInstrument: 'Strategic field × instrument',
    fieldInstrumentHelp: 'An empty cell is a gap: no support of that kind in that field.',
    fieldPillar: 'Strategic field × pillar',
    fieldPillarHelp: 'Which pillars the measures of each field sit under.',
    coOwnership: 'Co-ownership between ministries',
    coOwnershipHelp:
      'Measures two ministries own together, as lead or co-owner. The diagonal counts each ministry’s measures. An empty cell means they share none.',
    corner: '{{row}} / {{col}}',
    gap: 'gap',
    gapCell: '{{row}} × {{col}}: gap (no measures)',
    emptyCell: '{{row}} × {{col}}: no measures',
    cell: '{{row}} × {{col}}: {{count}} measures ({{behind}} behind)',
    gapsColumn: 'Gaps',
    gapCount_one: '{{count}} gap',
    gapCount_other: '{{count}} gaps',
    gapLegend: 'Hatched cells are gaps (no measure of that instrument in that field)',
    scale: 'Share behind',
    count: 'Measures',
    behind: 'Behind',
    progress: 'Progress toward the deadline',
    totalGaps: 'Gap cells: {{count}}',
    noCells: 'No measures match the filters.',
  },
};
