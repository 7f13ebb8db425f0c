import { describe, expect, it } from 'vitest';
import { sampleMeetings } from '../../seeds/sample/sample-meetings';

describe('the sample meetings', () => {
  it('are three held before the reference date and the next one after it, with distinct codes', () => {
    const meetings = sampleMeetings('2026-12-01');
    expect(meetings.filter((m) => m.date <= '2026-12-01')).toHaveLength(3);
    expect(meetings.filter((m) => m.date > '2026-12-01')).toHaveLength(1);
    expect(new Set(meetings.map((m) => m.code)).size).toBe(meetings.length);
    expect([...meetings].sort((a, b) => a.date.localeCompare(b.date))).toEqual(meetings);
    for (const m of meetings) {
      expect(m.nameJa).toMatch(/^新技術立国推進会議（第\d回）$/);
      expect(m.nameEn).not.toBe('');
    }
  });
});
