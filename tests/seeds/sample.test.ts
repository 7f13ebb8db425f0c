import { jstDateOf } from '../../common/calendar';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSampleMeasures } from '../../seeds/sample/generate-sample';
import { seedSampleIfEmpty } from '../../seeds/seed-sample';
import { ensureTaxonomy } from '../../db/reference-data';
import { FIELDS, INSTRUMENTS, MINISTRIES, PILLARS } from '../../common/taxonomy';
import { createTestApp } from '../support/test-app';
import { TEST_DIALECTS, createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

const REFERENCE_DATE = '2026-11-26';

describe('the illustrative sample data', () => {
  const measures = generateSampleMeasures({ referenceDate: REFERENCE_DATE });

  it('is deterministic for a reference date', () => {
    expect(generateSampleMeasures({ referenceDate: REFERENCE_DATE })).toEqual(measures);
  });

  it('covers every field, pillar and instrument and at least 12 lead ministries', () => {
    expect(measures.length).toBeGreaterThanOrEqual(150);
    expect(new Set(measures.flatMap((m) => m.fields))).toEqual(new Set(FIELDS.map((f) => f.code)));
    expect(new Set(measures.map((m) => m.pillar))).toEqual(new Set(PILLARS.map((p) => p.code)));
    expect(new Set(measures.flatMap((m) => m.instruments))).toEqual(new Set(INSTRUMENTS.map((i) => i.code)));
    const leads = new Set(measures.map((m) => m.lead));
    expect(leads.size).toBeGreaterThanOrEqual(12);
    for (const lead of leads) expect(MINISTRIES.map((m) => m.code)).toContain(lead);
    const coOwned = measures.filter((m) => m.coMinistries.length > 0);
    expect(coOwned.length / measures.length).toBeGreaterThan(0.3);
    for (const m of coOwned) expect(m.coMinistries).not.toContain(m.lead);
  });

  it('has unique codes in the METI-0012 form and bilingual titles', () => {
    expect(new Set(measures.map((m) => m.code)).size).toBe(measures.length);
    for (const m of measures) {
      expect(m.code).toMatch(/^[A-Z]+-\d{4}$/);
      expect(m.titleJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(m.titleEn).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('has 2–8 milestones per measure spread around the 2026 and 2027 summer deadlines', () => {
    for (const m of measures) {
      expect(m.milestones.length).toBeGreaterThanOrEqual(2);
      expect(m.milestones.length).toBeLessThanOrEqual(8);
      for (const ms of m.milestones) expect(ms.dueDate >= ms.baselineDueDate).toBe(true);
    }
    const due = measures.flatMap((m) => m.milestones.map((ms) => ms.dueDate));
    expect(due.filter((d) => d <= '2026-06-30').length).toBeGreaterThan(100);
    expect(due.filter((d) => d > '2026-06-30' && d <= '2027-06-30').length).toBeGreaterThan(100);
    expect(due.filter((d) => d > '2027-06-30').length).toBeGreaterThan(10);
  });

  it('has a report history from 2025-11 up to the day before the reference date', () => {
    const reports = measures.flatMap((m) => m.reports);
    const dates = reports.map((r) => r.reportedAt).sort();
    expect(dates[0]?.slice(0, 7)).toBe('2025-11');
    expect(dates[dates.length - 1]! < `${REFERENCE_DATE}T00:00:00`).toBe(true);
    expect(dates[dates.length - 1]! > '2026-11-01').toBe(true);
    for (const m of measures) {
      const times = m.reports.map((r) => r.reportedAt);
      expect([...times].sort()).toEqual(times);
      expect(new Set(times).size).toBe(times.length);
      // Every completion is recorded by exactly one report on or after it.
      m.milestones.forEach((ms, index) => {
        const recording = m.reports.filter((r) => r.completedMilestones.includes(index));
        expect(recording.length).toBe(ms.completedDate === null ? 0 : 1);
        if (ms.completedDate) expect(recording[0]!.reportedAt.slice(0, 10) >= ms.completedDate).toBe(true);
      });
    }
  });

  it('has a believable mix of on-track, at-risk, off-track and stale measures', () => {
    const now = Date.parse(`${REFERENCE_DATE}T03:00:00Z`);
    const latest = measures.map((m) => m.reports[m.reports.length - 1]);
    const stale = latest.filter((r) => !r || (r.status !== 'completed' && Date.parse(r.reportedAt) + 30 * 86_400_000 < now));
    const fresh = latest.filter((r) => r && !stale.includes(r));
    const share = (h: string) => fresh.filter((r) => r?.health === h).length / measures.length;
    expect(share('on_track')).toBeGreaterThan(0.35);
    expect(share('at_risk')).toBeGreaterThan(0.08);
    expect(share('off_track')).toBeGreaterThan(0.05);
    expect(stale.length / measures.length).toBeGreaterThan(0.05);
    expect(stale.length / measures.length).toBeLessThan(0.3);
    const statuses = new Set(latest.map((r) => r?.status ?? 'not_started'));
    for (const s of ['planning', 'in_progress', 'completed', 'suspended']) expect(statuses).toContain(s);
  });
});

describe.each(TEST_DIALECTS)('seeding the sample on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('seeds an empty database once, even when two servers start at the same moment', async () => {
    database = await createTestDatabase(dialect);
    await ensureTaxonomy(database.db);
    const results = await Promise.all([
      seedSampleIfEmpty(database.db, { referenceDate: REFERENCE_DATE }),
      seedSampleIfEmpty(database.db, { referenceDate: REFERENCE_DATE }),
    ]);
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    const count = async () =>
      Number(
        (
          await database!.db
            .selectFrom('measures')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const expected = generateSampleMeasures({ referenceDate: REFERENCE_DATE }).length;
    expect(await count()).toBe(expected);
    const meetings = await database.db.selectFrom('meetings').select(['code', 'date']).orderBy('date').execute();
    expect(meetings.map((m) => m.date > REFERENCE_DATE)).toEqual([false, false, false, true]);
    // Each meeting held has its edition, frozen once (by the process that seeded) as of its day.
    const editions = await database.db
      .selectFrom('editions')
      .innerJoin('meetings', 'meetings.id', 'editions.meeting_id')
      .select(['editions.code', 'editions.as_of', 'meetings.date', 'editions.created_by_email'])
      .orderBy('meetings.date')
      .execute();
    expect(editions.map((e) => [e.code, e.as_of])).toEqual(
      meetings.filter((m) => m.date <= jstDateOf(new Date())).map((m) => [`${m.code}-${m.date}`, m.date]),
    );
    expect(new Set(editions.map((e) => e.created_by_email))).toEqual(new Set(['secretariat@demo.example.jp']));
    const views = await database.db.selectFrom('edition_views').select('view').execute();
    expect(views).toHaveLength(editions.length * 8);
    expect(await seedSampleIfEmpty(database.db, { referenceDate: '2027-01-01' })).toEqual({ seeded: false, measures: 0 });
    expect(await count()).toBe(expected);
  });

  it('stores identical data when seeded twice into fresh databases', async () => {
    const snapshot = async () => {
      const db = await createTestDatabase(dialect);
      try {
        await ensureTaxonomy(db.db);
        await seedSampleIfEmpty(db.db, { referenceDate: REFERENCE_DATE });
        return {
          measures: await db.db.selectFrom('measures').selectAll().orderBy('code').execute(),
          reports: await db.db.selectFrom('status_reports').selectAll().orderBy('id').execute(),
          milestones: await db.db.selectFrom('milestones').selectAll().orderBy('id').execute(),
          rounds: await db.db.selectFrom('rounds').selectAll().orderBy('id').execute(),
          reviews: await db.db.selectFrom('report_reviews').selectAll().orderBy('report_id').execute(),
          verifications: await db.db.selectFrom('milestone_verifications').selectAll().orderBy('id').execute(),
          kpis: await db.db.selectFrom('kpis').selectAll().orderBy('id').execute(),
          observations: await db.db.selectFrom('kpi_observations').selectAll().orderBy('id').execute(),
          confirmations: await db.db.selectFrom('kpi_category_confirmations').selectAll().orderBy('id').execute(),
        };
      } finally {
        await db.drop();
      }
    };
    expect(await snapshot()).toEqual(await snapshot());
  });

  it('leaves a database that already has measures alone', async () => {
    const app = await createTestApp(dialect, {
      measures: generateSampleMeasures({ referenceDate: REFERENCE_DATE }).slice(0, 3),
    });
    try {
      expect(await seedSampleIfEmpty(app.database.db, { referenceDate: REFERENCE_DATE })).toEqual({ seeded: false, measures: 0 });
      const meta = await app.get('/api/v1/meta');
      expect(meta.body).toMatchObject({ sampleData: false });
    } finally {
      await app.drop();
    }
  });
});
