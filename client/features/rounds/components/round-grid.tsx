import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RoundDetailResponse } from '../../../../server/schemas/follow-up';
import { DataTable } from '../../../components/data-table';
import { formatNumber } from '../../../lib/format';
import { nameOf, useLanguage } from '../../../lib/meta';
import { ANSWER_STATES, roundFilterSearch } from '../round-filter';
import type { RoundCellState } from '../round-filter';

const COLUMNS: readonly RoundCellState[] = [...ANSWER_STATES, 'late'];

type Counts = RoundDetailResponse['totals'];

/** The round as a ministry × state grid (docs/product.md §4): each count links to those measures below. */
export function RoundGrid({ round }: { round: RoundDetailResponse }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns = [
    { key: 'ministry', label: t('followUp.ministry') },
    { key: 'inScope', label: t('round.inScope'), numeric: true },
    ...COLUMNS.map((state) => ({ key: state, label: t(`answerStates.${state}`), numeric: true })),
  ];
  const row = (ministry: string, label: string, counts: Counts, total: boolean) => {
    const cell = (state: RoundCellState | '', count: number) => {
      const text = formatNumber(count, language);
      if (count === 0) return text;
      const stateName = state ? t(`answerStates.${state}`) : t('round.inScope');
      return (
        <Link
          to={{ search: roundFilterSearch({ ministry, state }), hash: 'round-measures' }}
          aria-label={t('round.cellLink', { ministry: label, state: stateName, count: text })}
          preventScrollReset
          // The list below is what the link is for: take the keyboard and the screen there.
          onClick={() => requestAnimationFrame(() => document.getElementById('round-measures')?.focus())}
        >
          {text}
        </Link>
      );
    };
    return (
      <tr key={ministry || 'total'} className={total ? 'totals-row' : undefined} data-ministry={ministry || 'total'}>
        <th scope="row">{label}</th>
        <td className="num">{cell('', counts.inScope)}</td>
        {COLUMNS.map((state) => (
          <td key={state} className={`num cell-${state}`} data-state={state}>
            {cell(state, counts[state])}
          </td>
        ))}
      </tr>
    );
  };
  return (
    <DataTable caption={t('round.gridCaption')} columns={columns} className="round-grid" testId="round-grid">
      {round.byMinistry.map((ministry) => row(ministry.code, nameOf(ministry, language), ministry, false))}
      {row('', t('round.totals'), round.totals, true)}
    </DataTable>
  );
}
