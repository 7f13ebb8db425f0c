import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { fileMessages } from '../domain/import-messages';
import { COLUMN_KEYS, COLUMN_LABELS, REQUIRED_COLUMNS, SURVEY_SHEET, columnOfHeader } from '../domain/import-sheet';
import type { ColumnKey, ImportLang } from '../domain/import-sheet';
import type { RawRow } from '../domain/import-rows';
import { ApiError } from '../errors';
import { checkZip, looksLikeZip, MAX_UNZIPPED_BYTES } from './import-zip-guard';

// Reading an uploaded survey form (docs/product.md §4) into plain rows, or refusing the file with
// a 400 / 415 that names the problem in the uploader's language. Nothing here trusts the file: the
// zip is checked before the workbook library opens it, formulas are refused where answers go, and
// the row count is capped.

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5_000;

function refuse(status: 400 | 413 | 415, code: string, text: Record<ImportLang, string>, lang: ImportLang): never {
  throw new ApiError(status, code, text[lang]);
}

/** A header row's columns by position; 400 naming the columns an upload cannot do without. */
function headerColumns(headers: readonly string[], lang: ImportLang): Map<number, ColumnKey> {
  const columns = new Map<number, ColumnKey>();
  headers.forEach((h, i) => {
    const key = columnOfHeader(h);
    if (key) columns.set(i, key);
  });
  const present = new Set(columns.values());
  const missing = REQUIRED_COLUMNS.filter((k) => !present.has(k));
  if (missing.length > 0) {
    refuse(400, 'missing_column', fileMessages.missingColumns(missing.map((k) => COLUMN_LABELS[k][lang]).join(', ')), lang);
  }
  return columns;
}

function textOfCell(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : value.hyperlink;
  if ('error' in value) return String(value.error);
  return '';
}

async function readWorkbook(bytes: Uint8Array, lang: ImportLang): Promise<RawRow[]> {
  const verdict = checkZip(bytes);
  if (verdict === 'too_large') refuse(400, 'zip_bomb', fileMessages.zipBomb(MAX_UNZIPPED_BYTES), lang);
  if (verdict === 'not_zip') refuse(415, 'not_a_spreadsheet', fileMessages.notSpreadsheet(), lang);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    refuse(415, 'not_a_spreadsheet', fileMessages.notSpreadsheet(), lang);
  }
  const sheet = workbook.getWorksheet(SURVEY_SHEET.ja) ?? workbook.getWorksheet(SURVEY_SHEET.en);
  if (!sheet) refuse(400, 'missing_sheet', fileMessages.missingSheet(SURVEY_SHEET[lang]), lang);
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS) refuse(400, 'too_many_rows', fileMessages.tooManyRows(MAX_IMPORT_ROWS), lang);
  const headerRow = sheet.getRow(1);
  const headers = Array.from({ length: headerRow.cellCount }, (_, i) => textOfCell(headerRow.getCell(i + 1).value));
  const columns = headerColumns(headers, lang);
  const rows: RawRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const sheetRow = sheet.getRow(r);
    const cells: RawRow['cells'] = {};
    for (const [index, key] of columns) {
      const c = sheetRow.getCell(index + 1);
      if (REQUIRED_COLUMNS.includes(key) && c.type === ExcelJS.ValueType.Formula) {
        refuse(400, 'formula_in_cell', fileMessages.formula(c.address), lang);
      }
      cells[key] = textOfCell(c.value);
    }
    if (Object.values(cells).some((v) => v.trim() !== '')) rows.push({ row: r, cells });
  }
  return rows;
}

function readCsv(text: string, lang: ImportLang): RawRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, to_line: MAX_IMPORT_ROWS + 2 });
  } catch (error) {
    refuse(400, 'invalid_csv', fileMessages.badCsv(error instanceof Error ? error.message : String(error)), lang);
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) refuse(400, 'too_many_rows', fileMessages.tooManyRows(MAX_IMPORT_ROWS), lang);
  const [headers, ...body] = records;
  if (!headers) refuse(400, 'missing_column', fileMessages.missingColumns(COLUMN_KEYS.join(', ')), lang);
  const columns = headerColumns(headers, lang);
  const rows: RawRow[] = [];
  body.forEach((record, i) => {
    const cells: RawRow['cells'] = {};
    for (const [index, key] of columns) {
      const value = record[index] ?? '';
      // A CSV cell is text: one that Excel would evaluate is refused like a formula in a workbook.
      if (/^=/.test(value.trim()) && REQUIRED_COLUMNS.includes(key)) {
        refuse(400, 'formula_in_cell', fileMessages.formula(`${COLUMN_LABELS[key][lang]} ${i + 2}`), lang);
      }
      cells[key] = value;
    }
    if (Object.values(cells).some((v) => v.trim() !== '')) rows.push({ row: i + 2, cells });
  });
  return rows;
}

/** The rows of an uploaded XLSX or CSV survey form. */
export async function readUpload(bytes: Uint8Array, lang: ImportLang): Promise<RawRow[]> {
  if (bytes.length > MAX_UPLOAD_BYTES) refuse(413, 'payload_too_large', fileMessages.tooLarge(MAX_UPLOAD_BYTES), lang);
  if (looksLikeZip(bytes)) return readWorkbook(bytes, lang);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    refuse(415, 'not_a_spreadsheet', fileMessages.notSpreadsheet(), lang);
  }
  // Text without a NUL is a CSV candidate; a binary that happens to decode is not.
  if (text.includes('\u0000') || text.trim() === '') refuse(415, 'not_a_spreadsheet', fileMessages.notSpreadsheet(), lang);
  return readCsv(text, lang);
}
