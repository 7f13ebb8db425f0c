import type { ImportLang } from './import-sheet';

// What the survey-form upload says about a file or a row, in the uploader's language
// (docs/product.md §4): a ministry's staff read these, not developers.

type Text = Record<ImportLang, string>;

export const fileMessages = {
  notMultipart: (): Text => ({
    ja: 'multipart/form-data の file 欄でファイルを送ってください',
    en: 'Send the file as the `file` field of a multipart/form-data body',
  }),
  noFile: (): Text => ({ ja: 'file 欄にファイルがありません', en: 'The `file` field holds no file' }),
  tooLarge: (max: number): Text => ({
    ja: `ファイルが大きすぎます（上限 ${max / 1024 / 1024} MB）`,
    en: `The file is too large (at most ${max / 1024 / 1024} MB)`,
  }),
  notSpreadsheet: (): Text => ({
    ja: 'Excel（.xlsx）または CSV（UTF-8）のファイルではありません',
    en: 'The file is neither an Excel workbook (.xlsx) nor a UTF-8 CSV file',
  }),
  zipBomb: (max: number): Text => ({
    ja: `展開後のサイズが上限（${max / 1024 / 1024} MB）を超えます`,
    en: `The workbook would unpack to more than ${max / 1024 / 1024} MB`,
  }),
  unreadable: (): Text => ({ ja: 'ブックを読み取れません（破損しています）', en: 'The workbook cannot be read (it is damaged)' }),
  missingSheet: (sheet: string): Text => ({ ja: `「${sheet}」シートがありません`, en: `The sheet "${sheet}" is missing` }),
  missingColumns: (columns: string): Text => ({ ja: `列がありません: ${columns}`, en: `Columns missing: ${columns}` }),
  tooManyRows: (max: number): Text => ({ ja: `行が多すぎます（上限 ${max} 行）`, en: `Too many rows (at most ${max})` }),
  formula: (cell: string): Text => ({
    ja: `記入欄 ${cell} に数式があります。値を入力してください`,
    en: `Cell ${cell} holds a formula; enter a value instead`,
  }),
  badCsv: (detail: string): Text => ({ ja: `CSV を読み取れません: ${detail}`, en: `The CSV cannot be read: ${detail}` }),
};

export const rowMessages = {
  unknownMeasure: (code: string): Text => ({ ja: `施策 ${code} はありません`, en: `No measure with code ${code}` }),
  otherMinistry: (code: string, ministry: string): Text => ({
    ja: `${code} は ${ministry} が主担当の施策ではありません`,
    en: `${code} is not led by ${ministry}`,
  }),
  notYours: (code: string): Text => ({ ja: `${code} を報告する権限がありません`, en: `You may not report on ${code}` }),
  withdrawn: (code: string, date: string): Text => ({
    ja: `${code} は ${date} に廃止されています（再開するまで報告できません）`,
    en: `${code} was withdrawn on ${date} (it takes no report until restored)`,
  }),
  duplicate: (code: string): Text => ({ ja: `${code} の行が2つあります`, en: `${code} appears twice` }),
  measureRowMissing: (code: string): Text => ({
    ja: `節目の行の上に ${code} の施策の行がありません`,
    en: `The milestone row has no row of its measure ${code}`,
  }),
  badMilestoneId: (): Text => ({ ja: '節目IDが数値ではありません', en: 'The milestone ID is not a number' }),
  badStatus: (value: string): Text => ({ ja: `状況「${value}」は選択肢にありません`, en: `"${value}" is not a status` }),
  badHealth: (value: string): Text => ({ ja: `健全性「${value}」は選択肢にありません`, en: `"${value}" is not a health` }),
  badDate: (value: string): Text => ({
    ja: `「${value}」は日付（YYYY-MM-DD）ではありません`,
    en: `"${value}" is not a date (YYYY-MM-DD)`,
  }),
  badVersion: (): Text => ({
    ja: 'version 列が読み取れません（テンプレートを取得し直してください）',
    en: 'The version column cannot be read (download the template again)',
  }),
  milestoneOnly: (): Text => ({
    ja: '節目の行には完了日だけを記入してください',
    en: 'On a milestone row only the completion date is filled in',
  }),
  measureOnly: (): Text => ({
    ja: '完了日は節目の行に記入してください',
    en: 'Completion dates go on the milestone rows',
  }),
  conflict: (code: string, fileVersion: number, current: number): Text => ({
    ja: `${code} はテンプレート取得後に更新されています（ファイル v${fileVersion}、現在 v${current}）。テンプレートを取得し直してください`,
    en: `${code} changed after the template was made (file v${fileVersion}, now v${current}); download the template again`,
  }),
};
