import { describe, expect, it } from 'vitest';
import { endOfJstDay } from '../../common/calendar';
import { seedRevisions } from '../../seeds/measure-writer';
import { generateSampleMeasures } from '../../seeds/sample/generate-sample';
import { generateSyntheticMeasures } from '../../seeds/synthetic/generate-synthetic';

// The seeds' reschedules (docs/decisions/012-due-date-history.md): every moved milestone has a
// chain of revisions from its baseline to its due date, recorded between the measure's creation and
// the reference date, before the milestone was completed.

const REFERENCE_DATE = '2026-11-26';

describe('the sample and synthetic revisions', () => {
  it('lead each moved milestone of the sample from its baseline to its due date, at plausible instants', () => {
    const measures = generateSampleMeasures({ referenceDate: REFERENCE_DATE });
    let moved = 0;
    let withReason = 0;
    for (const m of measures) {
      for (const ms of m.milestones) {
        const revisions = seedRevisions(m, ms);
        if (ms.dueDate === ms.baselineDueDate) {
          expect(revisions).toEqual([]);
          continue;
        }
        moved++;
        expect(ms.revisions, `${m.code} carries its revisions`).toBeDefined();
        expect(revisions[0]?.previousDueDate).toBe(ms.baselineDueDate);
        expect(revisions.at(-1)?.dueDate).toBe(ms.dueDate);
        for (const r of revisions) {
          expect(r.recordedAt >= m.createdAt, `${m.code} recorded after its creation`).toBe(true);
          expect(r.recordedAt <= endOfJstDay(REFERENCE_DATE)).toBe(true);
          if (ms.completedDate) expect(r.recordedAt.slice(0, 10) <= ms.completedDate).toBe(true);
          if (r.reason) withReason++;
        }
      }
    }
    expect(moved).toBeGreaterThan(5);
    expect(withReason).toBeGreaterThan(0);
  });

  it('derive one revision per moved synthetic milestone, before its completion and by the reference date', () => {
    let moved = 0;
    for (const m of generateSyntheticMeasures({ count: 300, seed: 7, referenceDate: REFERENCE_DATE })) {
      for (const ms of m.milestones) {
        const revisions = seedRevisions(m, ms);
        expect(revisions).toHaveLength(ms.dueDate === ms.baselineDueDate ? 0 : 1);
        for (const r of revisions) {
          moved++;
          expect([r.previousDueDate, r.dueDate]).toEqual([ms.baselineDueDate, ms.dueDate]);
          expect(r.recordedAt >= m.createdAt && r.recordedAt <= endOfJstDay(REFERENCE_DATE)).toBe(true);
        }
      }
    }
    expect(moved).toBeGreaterThan(20);
  });
});
