import { EventEmitter, once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { csvCell, NUMBER_FORMATS, xlsxCell } from '../domain/export-cells';
import type { ExportColumn, ExportNames } from '../domain/export-cells';
import { CONDITIONS_SHEET } from '../domain/export-labels';
import type { ExportFormat } from '../schemas/exports';

// The three formats of an export, each written from the same table batch by batch, so memory holds
// one batch whatever the number of rows (docs/product.md §7).

/** What every format writes: the rows (in batches), their columns, and what they are rows of. */
export interface ExportTable<R> {
  columns: readonly ExportColumn<R>[];
  names: ExportNames;
  sheetName: string;
  /** The JSON export's `meta`. */
  meta: Record<string, unknown>;
  /** The conditions sheet of the XLSX export: label, value. */
  conditions: [string, string][];
  batches: () => AsyncIterable<readonly R[]>;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

export function writeExport<R>(format: ExportFormat, table: ExportTable<R>): Readable {
  if (format === 'csv') return Readable.from(csvChunks(table));
  if (format === 'json') return Readable.from(jsonChunks(table));
  return xlsxStream(table);
}

/**
 * RFC 4180: CRLF between records, fields quoted when they hold a comma, a quote or a line break
 * (csv-stringify quotes a bare LF or CR only when asked to). The BOM makes Excel read UTF-8.
 */
async function* csvChunks<R>(table: ExportTable<R>): AsyncGenerator<string> {
  const options = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;
  yield stringify([table.columns.map((c) => c.header[table.names.lang])], { ...options, bom: true });
  for await (const batch of table.batches()) {
    const records = batch.map((row) => table.columns.map((c) => csvCell(c.kind, c.value(row, table.names))));
    if (records.length > 0) yield stringify(records, options);
  }
}

async function* jsonChunks<R>(table: ExportTable<R>): AsyncGenerator<string> {
  yield `{"meta":${JSON.stringify(table.meta)},"rows":[`;
  let first = true;
  for await (const batch of table.batches()) {
    if (batch.length === 0) continue;
    yield (first ? '' : ',') + batch.map((row) => JSON.stringify(row)).join(',');
    first = false;
  }
  yield ']}';
}

function xlsxStream<R>(table: ExportTable<R>): Readable {
  const out = new PassThrough();
  writeXlsx(table, out).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * exceljs's streaming writer hands each sheet's XML to the zip compressor without waiting for it
 * (its buffer ignores `write()` returning false), so a producer faster than deflate piles the sheet up
 * in memory (100,000 measures: +170 MB). The sheet's buffer (`stream`), its destinations (`pipes`) and
 * their state are not in the typings: read them defensively, and wait for every destination that
 * asked for a pause.
 */
async function compressorDrained(sheet: object): Promise<void> {
  const buffer: unknown = Reflect.get(sheet, 'stream');
  const pipes: unknown = buffer instanceof EventEmitter ? Reflect.get(buffer, 'pipes') : undefined;
  if (!Array.isArray(pipes)) return;
  for (const pipe of pipes) {
    // A readable-stream 2 PassThrough: `writableNeedDrain` is newer than it, its state says the same.
    const state: unknown = pipe instanceof EventEmitter ? Reflect.get(pipe, '_writableState') : undefined;
    const needsDrain = state instanceof Object && Reflect.get(state, 'needDrain') === true;
    if (pipe instanceof EventEmitter && needsDrain) await once(pipe, 'drain');
  }
}

async function writeXlsx<R>(table: ExportTable<R>, out: PassThrough): Promise<void> {
  const { columns, names } = table;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.autoFilter = `A1:${columnLetter(columns.length - 1)}1`;
  const header = sheet.addRow(columns.map((c) => c.header[names.lang]));
  header.font = { bold: true };
  header.commit();
  for await (const batch of table.batches()) {
    for (const record of batch) {
      const row = sheet.addRow(columns.map((c) => xlsxCell(c.kind, c.value(record, names))));
      columns.forEach((c, i) => {
        const numFmt = NUMBER_FORMATS[c.kind];
        if (numFmt) row.getCell(i + 1).numFmt = numFmt;
      });
      row.commit();
    }
    // The response is read at the client's pace, and the zip compresses at its own: wait for both
    // rather than buffer the whole workbook.
    await compressorDrained(sheet);
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();

  const conditions = workbook.addWorksheet(CONDITIONS_SHEET[names.lang]);
  conditions.columns = [{ width: 28 }, { width: 100 }];
  for (const [label, value] of table.conditions) conditions.addRow([label, value]).commit();
  conditions.commit();
  await workbook.commit();
}
