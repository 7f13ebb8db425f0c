import { addDays } from '../../common/calendar';

// The sample's meetings of the executives (docs/product.md §4 "The meeting pack"): three held
// some weeks apart before the reference date and the next one after it, so that "what changed
// since the last meeting" has a last meeting to start from.

export interface SampleMeeting {
  code: string;
  nameJa: string;
  nameEn: string;
  date: string;
}

/** Meetings at 150, 90 and 30 days before the reference date, and the next 20 days after it. */
export function sampleMeetings(referenceDate: string): SampleMeeting[] {
  const offsets = [-150, -90, -30, 20];
  return offsets.map((offset, index) => {
    const n = index + 1;
    return {
      code: `meeting-${n}`,
      nameJa: `新技術立国推進会議（第${n}回）`,
      nameEn: `New Technology Nation Council (meeting ${n})`,
      date: addDays(referenceDate, offset),
    };
  });
}
