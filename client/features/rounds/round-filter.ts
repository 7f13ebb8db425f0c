import type { RoundAnswerState, RoundMeasureRow } from '../../../server/schemas/follow-up';

// Which of a round's measures the list under the grid shows: a grid cell links here with its
// ministry and state in the URL, so that the filtered list can be shared and survives a reload.

export type RoundCellState = RoundAnswerState | 'late';
export const ANSWER_STATES: readonly RoundAnswerState[] = ['submitted', 'accepted', 'returned', 'missing'];
const CELL_STATES: readonly RoundCellState[] = [...ANSWER_STATES, 'late'];

export interface RoundFilter {
  ministry: string;
  state: RoundCellState | '';
}

function isCellState(value: string): value is RoundCellState {
  return (CELL_STATES as readonly string[]).includes(value);
}

export function parseRoundFilter(params: URLSearchParams): RoundFilter {
  const state = params.get('state') ?? '';
  return { ministry: params.get('ministry') ?? '', state: isCellState(state) ? state : '' };
}

export function roundFilterSearch(filter: RoundFilter): string {
  const params = new URLSearchParams();
  if (filter.ministry) params.set('ministry', filter.ministry);
  if (filter.state) params.set('state', filter.state);
  const search = params.toString();
  return search ? `?${search}` : '';
}

// The secretariat chases the missing answers first, then the returned ones it waits on again.
const ORDER: Record<RoundAnswerState, number> = { missing: 0, returned: 1, submitted: 2, accepted: 3 };

/** The measures the filter keeps, missing first; the server's order (ministry, code) within a state. */
export function filterRoundMeasures(measures: readonly RoundMeasureRow[], filter: RoundFilter): RoundMeasureRow[] {
  return measures
    .map((measure, index) => ({ measure, index }))
    .filter(({ measure }) => {
      if (filter.ministry && measure.leadMinistry !== filter.ministry) return false;
      if (filter.state === 'late') return measure.late;
      return !filter.state || measure.state === filter.state;
    })
    .sort((a, b) => ORDER[a.measure.state] - ORDER[b.measure.state] || a.index - b.index)
    .map(({ measure }) => measure);
}
