import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RoundMeasureRow } from '../../../../server/schemas/follow-up';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/query-state';
import { formatDateTime } from '../../../lib/format';
import { titleOf, useLanguage, useNamer } from '../../../lib/meta';
import { filterRoundMeasures } from '../round-filter';
import type { RoundFilter } from '../round-filter';
import { AnswerStateBadge } from './round-state-badge';

/** The measures in a round's scope with their answers, missing first: the ones to chase (docs/product.md §4). */
export function RoundMeasures({ measures, filter }: { measures: RoundMeasureRow[]; filter: RoundFilter }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const rows = filterRoundMeasures(measures, filter);
  if (rows.length === 0) return <EmptyState message={t('round.noMatch')} />;
  const columns = (['measure', 'ministry', 'state', 'reportedAt', 'comment'] as const).map((key) => ({
    key,
    label: t(`round.columns.${key}`),
  }));
  return (
    <DataTable
      caption={t('round.measuresCaption')}
      captionHidden
      columns={columns}
      className="round-measures"
      testId="round-measures"
    >
      {rows.map((row) => (
        <tr key={row.code} data-measure={row.code} data-state={row.state}>
          <td>
            <Link to={`/measures/${encodeURIComponent(row.code)}`}>
              <code>{row.code}</code> {titleOf(row, language)}
            </Link>
          </td>
          <td>{name('ministries', row.leadMinistry)}</td>
          <td>
            <AnswerStateBadge state={row.state} late={row.late} />
          </td>
          <td className="nowrap">{formatDateTime(row.reportedAt, language)}</td>
          <td className="round-comment">{row.comment ?? ''}</td>
        </tr>
      ))}
    </DataTable>
  );
}
