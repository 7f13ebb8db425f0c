import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { COLUMN_KEYS } from '../../server/domain/import-sheet';
import type { ColumnKey } from '../../server/domain/import-sheet';
import { importResponse } from '../../server/schemas/imports';
import type { ImportResponse } from '../../server/schemas/imports';
import type { TestApp } from '../support/test-app';

// Helpers of the survey-form tests (docs/product.md §4): take the template, edit it like a person
// would in Excel, upload it.

export async function downloadTemplate(t: TestApp, cookie: string, query = ''): Promise<ExcelJS.Workbook> {
  const res = await t.app.request(`/api/v1/imports/template.xlsx${query}`, { headers: { cookie } });
  expect(res.status, await res.clone().text()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

export function surveySheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet('調査票') ?? workbook.getWorksheet('Survey');
  if (!sheet) throw new Error('no survey sheet');
  return sheet;
}

/** The 1-based column of a key in the template's layout. */
export function col(key: ColumnKey): number {
  return COLUMN_KEYS.indexOf(key) + 1;
}

/** The sheet row of a measure's own row, or of one of its milestones'. */
export function rowOf(sheet: ExcelJS.Worksheet, code: string, milestoneId?: number): ExcelJS.Row {
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const id = row.getCell(col('milestoneId')).value;
    if (row.getCell(col('code')).value === code && (milestoneId === undefined ? id === null : id === milestoneId)) return row;
  }
  throw new Error(`no row for ${code} ${milestoneId ?? ''}`);
}

export async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface UploadResult {
  status: number;
  body: unknown;
}

export async function upload(
  t: TestApp,
  cookie: string | null,
  bytes: Uint8Array | string,
  options: { name?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<UploadResult> {
  const form = new FormData();
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : bytes.slice()]), options.name ?? '調査票.xlsx');
  const headers: Record<string, string> = { ...options.headers };
  if (cookie) headers.cookie = cookie;
  const res = await t.app.request(`/api/v1/imports${options.query ?? ''}`, { method: 'POST', headers, body: form });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text so the assertion shows it
  }
  return { status: res.status, body };
}

export async function dryRun(t: TestApp, cookie: string, bytes: Uint8Array | string, name?: string): Promise<ImportResponse> {
  const res = await upload(t, cookie, bytes, { name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return importResponse.parse(res.body);
}

export async function post(t: TestApp, cookie: string | null, path: string): Promise<UploadResult> {
  const res = await t.app.request(path, { method: 'POST', headers: cookie ? { cookie } : {} });
  const body: unknown = JSON.parse(await res.text());
  return { status: res.status, body };
}
