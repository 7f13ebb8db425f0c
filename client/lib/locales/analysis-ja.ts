// The analysis page's words (docs/product.md §5 「分析」): coverage gaps and co-ownership.
export const analysisJa = {
  analysis: {
    title: '分析',
    intro:
      '施策がどこを支えているかを行列で示します。各セルは行と列の両方に属する施策の数で、色は遅れ（要対応・未報告）の割合です。セルを選ぶと該当する施策の一覧を開きます。',
    summaryAsOf: '{{date}}時点',
    deadline: '期限',
    deadlineOption: '{{name}}（{{date}}）',
    fieldInstrument: '戦略分野 × 支援手段',
    fieldInstrumentHelp: '空白のセルは、その分野にその種類の支援がない（空白）ことを示します。',
    fieldPillar: '戦略分野 × 施策の柱',
    fieldPillarHelp: '各分野の施策がどの柱に位置づけられているか。',
    coOwnership: '省庁間連携',
    coOwnershipHelp:
      '二つの府省庁が主担当または共管として共に持つ施策の数。対角は各府省庁の施策の数です。空白は共に持つ施策がないことを示します。',
    corner: '{{row}} / {{col}}',
    gap: '空白',
    gapCell: '{{row}} × {{col}}：空白（施策なし）',
    emptyCell: '{{row}} × {{col}}：施策なし',
    cell: '{{row}} × {{col}}：{{count}}件（うち遅れ{{behind}}件）',
    gapsColumn: '空白の数',
    gapCount_one: '空白 {{count}}',
    gapCount_other: '空白 {{count}}',
    gapLegend: '斜線のセル＝空白（その分野にその支援手段の施策がない）',
    scale: '遅れの割合',
    count: '施策数',
    behind: '遅れ',
    progress: '期限までの進捗',
    totalGaps: '空白のセル：{{count}}',
    noCells: '条件に合う施策がありません。',
  },
};
