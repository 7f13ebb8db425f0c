import type { SeedMeasure } from '../../../seeds/seed-types';
import { fixtureMeasures } from '../../support/fixture-measures';

// The fixture with reschedules for the due-date history's component tests: METI-0001's first
// milestone moved twice (later, then a little earlier), with a reason on the first move.
export function historyFixture(): SeedMeasure[] {
  return fixtureMeasures().map((m) => {
    if (m.code !== 'METI-0001') return m;
    const [first, ...rest] = m.milestones;
    if (!first) return m;
    return {
      ...m,
      milestones: [
        {
          ...first,
          baselineDueDate: '2026-03-31',
          dueDate: first.dueDate,
          revisions: [
            {
              previousDueDate: '2026-03-31',
              dueDate: '2026-06-30',
              recordedAt: '2026-03-10T01:00:00.000Z',
              actorEmail: 'lead@meti.example.go.jp',
              reason: '関係省庁との調整',
            },
            {
              previousDueDate: '2026-06-30',
              dueDate: first.dueDate,
              recordedAt: '2026-04-20T01:00:00.000Z',
              actorEmail: 'lead@meti.example.go.jp',
              reason: '',
            },
          ],
        },
        ...rest,
      ],
    };
  });
}
