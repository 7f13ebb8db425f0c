import ExcelJS from 'exceljs';
import { jstDateOf } from '../../common/calendar';
import type { SessionUser } from '../../common/roles';
import {
  COLUMN_KEYS,
  COLUMN_LABELS,
  INSTRUCTIONS,
  INSTRUCTIONS_SHEET,
  SURVEY_SHEET,
  healthLabel,
  reportedHealthLabels,
  statusLabel,
  statusLabels,
} from '../domain/import-sheet';
import type { ColumnKey, ImportLang } from '../domain/import-sheet';
import type { AppDeps } from '../app-env';
import { listLedMeasureCodes } from '../repositories/import-repository';
import type { MeasureDetailResponse } from '../schemas/responses';
import { requireKnownMinistry, templateMinistry } from './import-access';
import { currentView } from './measure-write-service';
import { readMeasure } from './measures-service';

// The survey form a ministry fills in (docs/product.md §4), as laid out by domain/import-sheet.ts:
// read-only cells grey and locked (sheet protection without a password: it guards against slips,
// not people), answer cells white and unlocked, drop-downs for status and health in the chosen
// language, the measure's version in a hidden column, and an instructions sheet in both languages.

const WIDTHS: Record<ColumnKey, number> = {
  code: 14,
  milestoneId: 10,
  title: 48,
  status: 12,
  health: 12,
  lastNote: 40,
  lastReported: 13,
  dueDate: 13,
  newStatus: 14,
  newHealth: 14,
  note: 48,
  evidenceUrl: 36,
  completedDate: 16,
  version: 8,
};

const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const HEADER: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFBFBFBF' } };

export interface SurveyTemplate {
  fileName: string;
  /** The English name, for clients that cannot read RFC 6266's `filename*`. */
  asciiFileName: string;
  bytes: Uint8Array;
}

type Cells = Partial<Record<ColumnKey, string | number | null>>;

function listValidation(labels: readonly string[]): ExcelJS.DataValidation {
  return { type: 'list', allowBlank: true, formulae: [`"${labels.join(',')}"`], showErrorMessage: true };
}

function measureCells(m: MeasureDetailResponse, lang: ImportLang): Cells {
  const last = m.reports.reduce<MeasureDetailResponse['reports'][number] | null>(
    (latest, r) => (latest === null || r.reportedAt > latest.reportedAt ? r : latest),
    null,
  );
  return {
    code: m.code,
    title: lang === 'ja' ? m.titleJa : m.titleEn,
    status: statusLabel(m.status, lang),
    health: healthLabel(m.health, lang),
    lastNote: last?.note ?? '',
    lastReported: m.lastReportedAt === null ? '' : jstDateOf(new Date(m.lastReportedAt)),
    newStatus: statusLabel(m.status, lang),
    newHealth: healthLabel(m.reportedHealth, lang),
    version: m.version,
  };
}

function addRow(sheet: ExcelJS.Worksheet, cells: Cells, editable: readonly ColumnKey[], lang: ImportLang): void {
  const row = sheet.addRow(COLUMN_KEYS.map((k) => cells[k] ?? null));
  COLUMN_KEYS.forEach((key, i) => {
    const c = row.getCell(i + 1);
    if (!editable.includes(key)) {
      c.fill = GREY;
      return;
    }
    c.protection = { locked: false };
    if (key === 'newStatus') c.dataValidation = listValidation(statusLabels(lang));
    if (key === 'newHealth') c.dataValidation = listValidation(reportedHealthLabels(lang));
    if (key === 'completedDate') c.numFmt = 'yyyy-mm-dd';
    if (key === 'note') c.alignment = { wrapText: true, vertical: 'top' };
  });
}

async function buildWorkbook(measures: readonly MeasureDetailResponse[], lang: ImportLang): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SURVEY_SHEET[lang], { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  sheet.columns = COLUMN_KEYS.map((key) => ({
    header: COLUMN_LABELS[key][lang],
    key,
    width: WIDTHS[key],
    hidden: key === 'version',
  }));
  sheet.getRow(1).eachCell((c) => {
    c.fill = HEADER;
    c.font = { bold: true };
  });
  for (const m of measures) {
    addRow(sheet, measureCells(m, lang), ['newStatus', 'newHealth', 'note', 'evidenceUrl'], lang);
    for (const ms of m.milestoneList.filter((x) => x.completedDate === null)) {
      const title = lang === 'ja' ? ms.titleJa : ms.titleEn;
      addRow(sheet, { code: m.code, milestoneId: ms.id, title: `└ ${title}`, dueDate: ms.dueDate }, ['completedDate'], lang);
    }
  }
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [
    { header: '日本語', key: 'ja', width: 80 },
    { header: 'English', key: 'en', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const [ja, en] of INSTRUCTIONS) {
    help.addRow([ja, en]).alignment = { wrapText: true, vertical: 'top' };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

/** The survey form of a ministry, prefilled with the current state of every measure it leads. */
export async function surveyTemplate(
  deps: Pick<AppDeps, 'db' | 'now' | 'taxonomy'>,
  input: { user: SessionUser | null; ministry: string | undefined; lang: ImportLang },
): Promise<SurveyTemplate> {
  const ministry = templateMinistry(input.user, input.ministry);
  await requireKnownMinistry(deps.taxonomy, ministry);
  const now = deps.now();
  const view = currentView(now);
  const codes = await listLedMeasureCodes(deps.db, ministry);
  const measures: MeasureDetailResponse[] = [];
  for (const code of codes) {
    const m = await readMeasure(deps.db, code, view);
    if (m) measures.push(m);
  }
  const suffix = `${ministry}_${jstDateOf(now)}.xlsx`;
  return {
    fileName: `${input.lang === 'ja' ? '調査票' : 'survey-form'}_${suffix}`,
    asciiFileName: `survey-form_${suffix}`,
    bytes: await buildWorkbook(measures, input.lang),
  };
}
