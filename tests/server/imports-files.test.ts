import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_KEYS, COLUMN_LABELS } from '../../server/domain/import-sheet';
import { checkZip } from '../../server/services/import-zip-guard';
import { errorResponse, measureDetailResponse } from '../../server/schemas/responses';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';
import { bytesOf, col, downloadTemplate, dryRun, rowOf, surveySheet, upload } from './imports-support';

// Bad survey-form files (docs/product.md §4): each refused with a 400 / 413 / 415 naming the problem
// in the uploader's language, never a 500, and nothing stored.

const LEAD = 'mext-lead@example.go.jp';

type Field = [offset: number, width: 2 | 4, value: number];

function header(size: number, fields: readonly Field[]): Buffer {
  const buffer = Buffer.alloc(size);
  for (const [offset, width, value] of fields) {
    if (width === 2) buffer.writeUInt16LE(value, offset);
    else buffer.writeUInt32LE(value, offset);
  }
  return buffer;
}

/** A zip of one entry, stored or deflated, built byte by byte (enough of the format for the guard). */
function zipOf(name: string, content: Uint8Array, deflate: boolean): Uint8Array {
  const data = deflate ? deflateRawSync(content) : content;
  const nameBytes = new TextEncoder().encode(name);
  const method = deflate ? 8 : 0;
  const local = header(30, [
    [0, 4, 0x04034b50],
    [8, 2, method],
    [18, 4, data.length],
    [22, 4, content.length],
    [26, 2, nameBytes.length],
  ]);
  const central = header(46, [
    [0, 4, 0x02014b50],
    [10, 2, method],
    [20, 4, data.length],
    [24, 4, content.length],
    [28, 2, nameBytes.length],
    [42, 4, 0],
  ]);
  const end = header(22, [
    [0, 4, 0x06054b50],
    [8, 2, 1],
    [10, 2, 1],
    [12, 4, central.length + nameBytes.length],
    [16, 4, local.length + nameBytes.length + data.length],
  ]);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

const csvHeader = COLUMN_KEYS.map((k) => COLUMN_LABELS[k].en).join(',');

describe('the zip guard', () => {
  it('passes a small zip and stops one that inflates past the cap, even when its sizes lie', () => {
    expect(checkZip(zipOf('a.txt', new Uint8Array(1000), true))).toBe('ok');
    expect(checkZip(zipOf('a.txt', new Uint8Array(2_000_000), true), 1_000_000)).toBe('too_large');
    const lying = Buffer.from(zipOf('a.txt', new Uint8Array(2_000_000), true));
    lying.writeUInt32LE(10, 22); // the local header's size
    lying.writeUInt32LE(10, lying.length - 22 - 46 - 5 + 24); // the central directory's
    expect(checkZip(lying, 1_000_000)).toBe('too_large');
    expect(checkZip(new TextEncoder().encode('PK\u0003\u0004 not really'))).toBe('not_zip');
  });
});

describe.each(TEST_DIALECTS)('bad survey-form files on %s', (dialect) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookie =
      (await signedInUsers(t.database.db, t.app, [{ email: LEAD, role: 'ministry_lead', ministry: 'mext' }])).get(LEAD) ?? '';
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function refused(bytes: Uint8Array | string, status: number, code: string, query = '?lang=en') {
    const res = await upload(t, cookie, bytes, { query });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    const body = errorResponse.parse(res.body);
    expect(body.error.code).toBe(code);
    const stored = await t.database.db.selectFrom('imports').select('id').execute();
    expect(stored).toEqual([]);
    return body.error.message;
  }

  it('not a spreadsheet, a renamed binary: 415, in the language asked for', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(await refused(png, 415, 'not_a_spreadsheet')).toMatch(/neither an Excel workbook/);
    expect(await refused(png, 415, 'not_a_spreadsheet', '')).toMatch(/Excel（\.xlsx）/);
    const ja = await upload(t, cookie, png, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(JSON.stringify(ja.body)).toMatch(/neither an Excel workbook/);
    await refused(zipOf('hello.txt', new TextEncoder().encode('hello'), false), 400, 'missing_sheet');
    await refused(new TextEncoder().encode('PK\u0003\u0004garbage'), 415, 'not_a_spreadsheet');
  });

  it('a zip bomb: 400 before the workbook is opened', async () => {
    expect(await refused(zipOf('xl/bomb.xml', new Uint8Array(60 * 1024 * 1024), true), 400, 'zip_bomb')).toMatch(/unpack/);
  });

  it('a formula in an answer cell: 400 naming the cell', async () => {
    const workbook = await downloadTemplate(t, cookie);
    const cell = rowOf(surveySheet(workbook), 'MEXT-0002').getCell(col('note'));
    cell.value = { formula: 'HYPERLINK("https://evil.example")', result: 'x' };
    expect(await refused(await bytesOf(workbook), 400, 'formula_in_cell')).toContain(cell.address);
    await refused(`${csvHeader}\r\nMEXT-0002,,,,,,,,=1+1,,,,,1\r\n`, 400, 'formula_in_cell');
  });

  it('a missing sheet or header column: 400 naming it', async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['a']);
    expect(await refused(await bytesOf(other), 400, 'missing_sheet')).toContain('Survey');
    const workbook = await downloadTemplate(t, cookie);
    surveySheet(workbook).spliceColumns(col('newHealth'), 1);
    expect(await refused(await bytesOf(workbook), 400, 'missing_column')).toContain('New health');
  });

  it('over 5,000 rows: 400; over 5 MB: 413', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `X-${i},,,,,,,,,,,,,1`).join('\r\n');
    expect(await refused(`${csvHeader}\r\n${rows}\r\n`, 400, 'too_many_rows')).toContain('5000');
    await refused(new Uint8Array(6 * 1024 * 1024).fill(65), 413, 'payload_too_large');
  });

  it('a body that is not multipart: 415', async () => {
    const res = await t.app.request('/api/v1/imports', {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/csv' },
      body: csvHeader,
    });
    expect(res.status).toBe(415);
  });

  it('a broken multipart body, or one without the file field: 400', async () => {
    const broken = await t.app.request('/api/v1/imports', {
      method: 'POST',
      headers: { cookie, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\nno end',
    });
    expect(broken.status).toBe(400);
    const form = new FormData();
    form.append('other', 'x');
    const missing = await t.app.request('/api/v1/imports?lang=en', { method: 'POST', headers: { cookie }, body: form });
    expect(missing.status).toBe(400);
    expect(errorResponse.parse(await missing.json()).error.code).toBe('missing_file');
  });

  it('a foreign Origin is refused before anything is read', async () => {
    const res = await upload(t, cookie, 'x', { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('a CSV with the same columns is read like the workbook', async () => {
    const { version } = measureDetailResponse.parse((await t.get('/api/v1/measures/MEXT-0008')).body);
    const csv = `\uFEFF${csvHeader}\r\nMEXT-0008,,,,,,,,In progress,On track,"CSV から, 報告",,,${version}\r\n`;
    const result = await dryRun(t, cookie, csv, 'survey.csv');
    expect(result.errors).toEqual([]);
    expect(result.changes.map((c) => [c.code, c.note, c.health.to])).toEqual([['MEXT-0008', 'CSV から, 報告', 'on_track']]);
    await t.database.db.deleteFrom('imports').execute();
  });
});
