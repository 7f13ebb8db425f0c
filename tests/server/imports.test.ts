import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditListResponse } from '../../server/schemas/writes';
import { importApplyResponse, importResponse } from '../../server/schemas/imports';
import { measureDetailResponse } from '../../server/schemas/responses';
import { getOk } from '../support/api-helpers';
import { FIXTURE_NOW, fixtureMeasures } from '../support/fixture-measures';
import { currentEtag, send, signedInUsers } from '../support/sessions';
import { createTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_DIALECTS } from '../support/test-database';
import { bytesOf, col, downloadTemplate, dryRun, post, rowOf, surveySheet, upload } from './imports-support';

// The survey-form round trip (docs/product.md §4): the template, a dry run that writes nothing, and
// applying it in one transaction, once, by its uploader only.

const ADMIN = 'admin@example.go.jp';
const MEXT_LEAD = 'mext-lead@example.go.jp';
const METI_LEAD = 'meti-lead@example.go.jp';
const ANALYST = 'analyst@example.go.jp';

describe.each(TEST_DIALECTS)('survey-form imports on %s', (dialect) => {
  let t: TestApp;
  let cookies: Map<string, string>;
  const cookie = (email: string) => cookies.get(email) ?? '';

  beforeAll(async () => {
    t = await createTestApp(dialect, { measures: fixtureMeasures(), now: FIXTURE_NOW });
    cookies = await signedInUsers(t.database.db, t.app, [
      { email: ADMIN, role: 'admin' },
      { email: MEXT_LEAD, role: 'ministry_lead', ministry: 'mext', displayName: '文科 次郎' },
      { email: METI_LEAD, role: 'ministry_lead', ministry: 'meti' },
      { email: ANALYST, role: 'analyst' },
    ]);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const detail = (code: string) => getOk(t, `/api/v1/measures/${code}`, measureDetailResponse);
  const reportCount = async () => (await t.database.db.selectFrom('status_reports').select('id').execute()).length;

  describe('GET /imports/template.xlsx', () => {
    it('is refused to the signed out, read-only roles, another ministry and an admin naming none', async () => {
      const path = '/api/v1/imports/template.xlsx';
      expect((await t.app.request(path)).status).toBe(401);
      expect((await t.app.request(path, { headers: { cookie: cookie(ANALYST) } })).status).toBe(403);
      expect((await t.app.request(`${path}?ministry=meti`, { headers: { cookie: cookie(MEXT_LEAD) } })).status).toBe(403);
      const admin = await t.app.request(path, { headers: { cookie: cookie(ADMIN) } });
      expect(admin.status).toBe(400);
      expect(await admin.text()).toContain('ministry');
      expect((await t.app.request(`${path}?ministry=meti`, { headers: { cookie: cookie(ADMIN) } })).status).toBe(200);
    });

    it('lists the ministry’s measures and open milestones, locked but for the answers, with the version hidden', async () => {
      const res = await t.app.request('/api/v1/imports/template.xlsx', { headers: { cookie: cookie(MEXT_LEAD) } });
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="survey-form_mext_2026-11-26.xlsx"; filename*=UTF-8''${encodeURIComponent('調査票_mext_2026-11-26.xlsx')}`,
      );
      await res.body?.cancel();
      const workbook = await downloadTemplate(t, cookie(MEXT_LEAD));
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['調査票', '説明 Instructions']);
      const sheet = surveySheet(workbook);
      const measureRows = [];
      for (let r = 2; r <= sheet.rowCount; r += 1) {
        const row = sheet.getRow(r);
        if (row.getCell(col('milestoneId')).value === null) measureRows.push(row.getCell(col('code')).value);
      }
      expect(measureRows).toEqual(['MEXT-0002', 'MEXT-0008']);
      const mext2 = await detail('MEXT-0002');
      const row = rowOf(sheet, 'MEXT-0002');
      expect(row.getCell(col('status')).value).toBe('実施中');
      expect(row.getCell(col('health')).value).toBe('未更新');
      expect(row.getCell(col('newHealth')).value).toBe('要注意');
      expect(row.getCell(col('version')).value).toBe(mext2.version);
      expect(sheet.getColumn(col('version')).hidden).toBe(true);
      expect(row.getCell(col('newStatus')).dataValidation.formulae).toEqual(['"未着手,検討中,実施中,完了,休止"']);
      expect(row.getCell(col('newStatus')).protection.locked).toBe(false);
      expect(row.getCell(col('code')).protection?.locked).not.toBe(false);
      // Read back by the library but not in its types.
      expect(z.object({ sheetProtection: z.object({ sheet: z.boolean() }) }).parse(sheet).sheetProtection.sheet).toBe(true);
      const open = mext2.milestoneList.filter((m) => m.completedDate === null);
      for (const m of open) expect(rowOf(sheet, 'MEXT-0002', m.id).getCell(col('completedDate')).protection.locked).toBe(false);

      const en = surveySheet(await downloadTemplate(t, cookie(MEXT_LEAD), '?lang=en'));
      expect(rowOf(en, 'MEXT-0002').getCell(col('newHealth')).value).toBe('At risk');
    });
  });

  describe('POST /imports and /imports/:id/apply', () => {
    it('an unchanged template makes no change', async () => {
      const before = await reportCount();
      const result = await dryRun(t, cookie(MEXT_LEAD), await bytesOf(await downloadTemplate(t, cookie(MEXT_LEAD))));
      expect(result).toMatchObject({ ministry: 'mext', changes: [], unchanged: 2, errors: [], conflicts: [], canApply: false });
      expect(await reportCount()).toBe(before);
    });

    it('one edit makes exactly one report on apply, with audit rows naming the import; a second apply is 409', async () => {
      const before = await detail('MEXT-0002');
      const open = before.milestoneList.find((m) => m.completedDate === null);
      if (!open) throw new Error('fixture: MEXT-0002 has an open milestone');
      const workbook = await downloadTemplate(t, cookie(MEXT_LEAD));
      const sheet = surveySheet(workbook);
      const row = rowOf(sheet, 'MEXT-0002');
      row.getCell(col('newHealth')).value = '順調';
      row.getCell(col('note')).value = 'Excel から報告';
      row.getCell(col('evidenceUrl')).value = 'https://www.mext.go.jp/a.pdf';
      rowOf(sheet, 'MEXT-0002', open.id).getCell(col('completedDate')).value = new Date('2026-11-20T00:00:00Z');
      const reportsBefore = await reportCount();
      const result = await dryRun(t, cookie(MEXT_LEAD), await bytesOf(workbook));
      expect(result.errors).toEqual([]);
      expect(result.changes).toHaveLength(1);
      expect(result.changes[0]).toMatchObject({
        code: 'MEXT-0002',
        version: before.version,
        status: { from: 'in_progress', to: 'in_progress' },
        health: { from: 'at_risk', to: 'on_track' },
        milestonesCompleted: [{ milestoneId: open.id, completedDate: '2026-11-20' }],
      });
      expect(result.unchanged).toBe(1);
      expect(result.canApply).toBe(true);
      expect(await reportCount()).toBe(reportsBefore);
      expect((await detail('MEXT-0002')).version).toBe(before.version);

      const shown = await t.app.request(`/api/v1/imports/${result.id}`, { headers: { cookie: cookie(MEXT_LEAD) } });
      expect(importResponse.parse(await shown.json())).toEqual(result);

      const applied = await post(t, cookie(MEXT_LEAD), `/api/v1/imports/${result.id}/apply`);
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      expect(importApplyResponse.parse(applied.body)).toEqual({ applied: 1, codes: ['MEXT-0002'] });
      expect(await reportCount()).toBe(reportsBefore + 1);
      const after = await detail('MEXT-0002');
      expect(after.version).toBe(before.version + 1);
      expect(after.reportedHealth).toBe('on_track');
      expect(after.milestoneList.find((m) => m.id === open.id)?.completedDate).toBe('2026-11-20');
      expect(after.reports[0]).toMatchObject({ note: 'Excel から報告', reporter: '文科 次郎' });

      const audit = await send(t.app, 'GET', '/api/v1/audit?entity=MEXT-0002', { cookie: cookie(ADMIN) });
      const entry = auditListResponse.parse(audit.body).items[0];
      expect(entry).toMatchObject({ action: 'measure.report', actor: { email: MEXT_LEAD } });
      expect(entry?.after).toMatchObject({ importId: result.id });
      const importAudit = await send(t.app, 'GET', `/api/v1/audit?entityType=import`, { cookie: cookie(ADMIN) });
      expect(auditListResponse.parse(importAudit.body).items.map((i) => i.entityCode)).toContain(`imports/${result.id}`);

      const again = await post(t, cookie(MEXT_LEAD), `/api/v1/imports/${result.id}/apply`);
      expect(again.status).toBe(409);
      expect(await reportCount()).toBe(reportsBefore + 1);
    });

    it('a bad row is an error per cell, and applying it is 422 with nothing written', async () => {
      const workbook = await downloadTemplate(t, cookie(MEXT_LEAD));
      const row = rowOf(surveySheet(workbook), 'MEXT-0008');
      row.getCell(col('newStatus')).value = '大成功';
      const other = rowOf(surveySheet(workbook), 'MEXT-0002');
      other.getCell(col('evidenceUrl')).value = 'javascript:alert(1)';
      other.getCell(col('note')).value = 'x';
      const before = await reportCount();
      const result = await dryRun(t, cookie(MEXT_LEAD), await bytesOf(workbook));
      expect(result.errors.map((e) => [e.row, e.column])).toEqual(
        [
          [other.number, 'evidenceUrl'],
          [row.number, 'newStatus'],
        ].sort((a, b) => Number(a[0]) - Number(b[0])),
      );
      expect(result.canApply).toBe(false);
      const applied = await post(t, cookie(MEXT_LEAD), `/api/v1/imports/${result.id}/apply`);
      expect(applied.status).toBe(422);
      expect(await reportCount()).toBe(before);
    });

    it('a row edited against an old version is a conflict, and applying is 409', async () => {
      const workbook = await downloadTemplate(t, cookie(MEXT_LEAD));
      const report = await send(t.app, 'POST', '/api/v1/measures/MEXT-0008/reports', {
        cookie: cookie(MEXT_LEAD),
        ifMatch: await currentEtag(t.app, 'MEXT-0008'),
        body: { status: 'in_progress', health: 'at_risk', note: 'web' },
      });
      expect(report.status, JSON.stringify(report.body)).toBe(201);
      rowOf(surveySheet(workbook), 'MEXT-0008').getCell(col('note')).value = 'from the old file';
      const before = await reportCount();
      const result = await dryRun(t, cookie(MEXT_LEAD), await bytesOf(workbook));
      expect(result.conflicts.map((c) => c.code)).toEqual(['MEXT-0008']);
      expect(result.changes).toEqual([]);
      expect((await post(t, cookie(MEXT_LEAD), `/api/v1/imports/${result.id}/apply`)).status).toBe(409);
      expect(await reportCount()).toBe(before);
    });

    it('a measure changed after the dry run makes the apply 409 with nothing written', async () => {
      const workbook = await downloadTemplate(t, cookie(MEXT_LEAD));
      rowOf(surveySheet(workbook), 'MEXT-0008').getCell(col('note')).value = 'late';
      const result = await dryRun(t, cookie(MEXT_LEAD), await bytesOf(workbook));
      expect(result.canApply).toBe(true);
      const report = await send(t.app, 'POST', '/api/v1/measures/MEXT-0008/reports', {
        cookie: cookie(MEXT_LEAD),
        ifMatch: await currentEtag(t.app, 'MEXT-0008'),
        body: { status: 'in_progress', health: 'on_track', note: 'meanwhile' },
      });
      expect(report.status).toBe(201);
      const before = await reportCount();
      expect((await post(t, cookie(MEXT_LEAD), `/api/v1/imports/${result.id}/apply`)).status).toBe(409);
      expect(await reportCount()).toBe(before);
      const row = await t.database.db.selectFrom('imports').select('applied_at').where('id', '=', result.id).executeTakeFirst();
      expect(row?.applied_at).toBeNull();
    });

    it('keeps the write path’s rules (completed with open milestones), and an expired dry run is 409', async () => {
      const workbook = await downloadTemplate(t, cookie(MEXT_LEAD));
      const row = rowOf(surveySheet(workbook), 'MEXT-0002');
      row.getCell(col('newStatus')).value = '完了';
      const result = await dryRun(t, cookie(MEXT_LEAD), await bytesOf(workbook));
      expect(result.errors).toEqual([expect.objectContaining({ row: row.number, column: 'newStatus' })]);

      rowOf(surveySheet(workbook), 'MEXT-0002').getCell(col('newStatus')).value = '実施中';
      rowOf(surveySheet(workbook), 'MEXT-0002').getCell(col('note')).value = 'too late';
      const pending = await dryRun(t, cookie(MEXT_LEAD), await bytesOf(workbook));
      expect(pending.canApply).toBe(true);
      await t.database.db
        .updateTable('imports')
        .set({ expires_at: FIXTURE_NOW.toISOString() })
        .where('id', '=', pending.id)
        .execute();
      const before = await reportCount();
      const applied = await post(t, cookie(MEXT_LEAD), `/api/v1/imports/${pending.id}/apply`);
      expect(applied.status).toBe(409);
      expect(JSON.stringify(applied.body)).toContain('import_expired');
      expect(await reportCount()).toBe(before);
    });

    it('refuses another ministry’s rows, and hides an import from everyone but its uploader and admins', async () => {
      const workbook = await downloadTemplate(t, cookie(METI_LEAD));
      rowOf(surveySheet(workbook), 'METI-0001').getCell(col('note')).value = 'not mine';
      const result = await dryRun(t, cookie(MEXT_LEAD), await bytesOf(workbook));
      expect(result.errors).toEqual([expect.objectContaining({ column: 'code', message: expect.stringContaining('METI-0001') })]);
      expect(result.canApply).toBe(false);

      const own = await dryRun(t, cookie(METI_LEAD), await bytesOf(workbook));
      expect(own.canApply).toBe(true);
      const path = `/api/v1/imports/${own.id}`;
      expect((await t.app.request(path, { headers: { cookie: cookie(MEXT_LEAD) } })).status).toBe(404);
      expect((await post(t, cookie(MEXT_LEAD), `${path}/apply`)).status).toBe(404);
      expect((await post(t, null, `${path}/apply`)).status).toBe(401);
      expect((await t.app.request(path, { headers: { cookie: cookie(ADMIN) } })).status).toBe(200);
      expect((await upload(t, cookie(ANALYST), await bytesOf(workbook))).status).toBe(403);
      expect((await upload(t, null, await bytesOf(workbook))).status).toBe(401);
    });
  });
});
