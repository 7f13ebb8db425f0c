import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_KIND_LABELS } from '../../server/domain/changes-export-columns';
import { changesResponse } from '../../server/schemas/meeting-pack';
import { getError, getOk } from '../support/api-helpers';
import { addReschedules, changesFixtureMeasures } from '../support/changes-fixture';
import { FIXTURE_NOW } from '../support/fixture-measures';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';

// /exports/changes.{csv,xlsx,json} (docs/decisions/014-changes-between-instants.md): the rows are
// exactly the items of GET /changes under the same query, in its order, in either language; the
// conditions sheet names both ends.

const QUERY = 'from=2026-07-05&ministry=meti';

async function fetchOk(t: TestApp, path: string): Promise<Response> {
  const res = await t.app.request(path);
  expect(res.status, path).toBe(200);
  return res;
}

describe.each(TEST_DIALECTS)('the changes export on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: changesFixtureMeasures(), now: FIXTURE_NOW });
    await addReschedules(t.database.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('JSON: rows are the items, meta names both ends', async () => {
    const live = await getOk(t, `/api/v1/changes?${QUERY}`, changesResponse);
    expect(live.items.length).toBeGreaterThan(3);
    const res = await fetchOk(t, `/api/v1/exports/changes.json?${QUERY}`);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('前回会議からの変化'));
    const body = (await res.json()) as { meta: Record<string, unknown>; rows: unknown[] };
    expect(body.rows).toEqual(live.items);
    expect(body.meta).toMatchObject({
      view: 'changes',
      from: live.from,
      to: live.to,
      basis: 'reported',
      filters: { ministry: ['meti'] },
    });
  });

  it('CSV in English: one row per item, in order, kinds and statuses named', async () => {
    const live = await getOk(t, `/api/v1/changes?${QUERY}`, changesResponse);
    const text = await (await fetchOk(t, `/api/v1/exports/changes.csv?${QUERY}&lang=en`)).text();
    const records: string[][] = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false });
    const [header, ...rows] = records;
    expect(header?.slice(0, 3)).toEqual(['Change', 'Change code', 'Measure code']);
    expect(rows.map((r) => [r[1], r[2]])).toEqual(live.items.map((i) => [i.kind, i.measure.code]));
    const status = rows.find((r) => r[1] === 'status_changed');
    expect(status?.[0]).toBe(CHANGE_KIND_LABELS.status_changed.en);
    expect(status?.slice(8, 10)).toEqual(['Planning', 'In progress']);
    const slipped = rows.find((r) => r[1] === 'milestone_slipped' && r[2] === 'MEXT-0002');
    expect(slipped?.slice(8, 11)).toEqual(['2026-08-31', '2026-09-30', '30']);
  });

  it('XLSX in Japanese: the items sheet and the 条件 sheet with both ends', async () => {
    const live = await getOk(t, `/api/v1/changes?${QUERY}`, changesResponse);
    const res = await fetchOk(t, `/api/v1/exports/changes.xlsx?${QUERY}&lang=ja`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('前回会議からの変化');
    expect(sheet).toBeDefined();
    const values = (n: number) => {
      const v = sheet?.getRow(n).values;
      return Array.isArray(v) ? v.slice(1) : [];
    };
    expect(values(1).slice(0, 3)).toEqual(['変化の種類', '種類コード', '施策コード']);
    const kinds = live.items.map((_, i) => [values(i + 2)[1], values(i + 2)[2]]);
    expect(kinds).toEqual(live.items.map((i) => [i.kind, i.measure.code]));
    expect(sheet?.rowCount).toBe(live.items.length + 1);
    const conditions = workbook.getWorksheet('条件');
    const labels: string[] = [];
    conditions?.eachRow((row) => labels.push(String(row.getCell(1).value)));
    expect(labels).toEqual(expect.arrayContaining(['比較の起点', '比較の終点', '集計の基準']));
    expect(labels).not.toContain('基準日');
  });

  it('refuses as GET /changes does, before any byte', async () => {
    const e = await getError(t, '/api/v1/exports/changes.csv?from=2026-09-01&to=2026-07-01', 400);
    expect(e.error.issues?.[0]?.path).toEqual(['from']);
    await getError(t, '/api/v1/exports/changes.csv', 400);
  });
});
