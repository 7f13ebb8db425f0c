import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RoundSummary } from '../../../../server/schemas/follow-up';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/query-state';
import { Panel } from '../../../components/panel';
import { QueryView } from '../../../components/query-view';
import { formatDate, formatNumber } from '../../../lib/format';
import { jstDay } from '../../../lib/follow-up-api';
import { titleOf, useLanguage } from '../../../lib/meta';
import { useSession } from '../../../lib/session';
import { canManageRounds } from '../../../../common/roles';
import { roundListQuery } from '../api/rounds-queries';
import { RoundForm } from './round-form';
import { RoundStateBadge } from './round-state-badge';

/** The rounds (照会) at /rounds (docs/product.md §4, "The follow-up round"), and the form that opens one. */
export function RoundsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const query = useQuery(roundListQuery());
  return (
    <div className="follow-up-page">
      <h1>{t('rounds.title')}</h1>
      <p>{t('rounds.intro')}</p>
      <Panel title={t('rounds.caption')} variant="plain">
        <QueryView
          query={query}
          data={query.data}
          skeletonHeight={200}
          isEmpty={(data) => data.items.length === 0}
          empty={<EmptyState message={t('rounds.empty')} />}
        >
          {(data) => <RoundTable rounds={data.items} />}
        </QueryView>
      </Panel>
      {canManageRounds(user) && <RoundForm />}
    </div>
  );
}

function RoundTable({ rounds }: { rounds: RoundSummary[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns = [
    { key: 'title', label: t('rounds.columns.title') },
    { key: 'state', label: t('rounds.columns.state') },
    { key: 'opensAt', label: t('rounds.columns.opensAt') },
    { key: 'dueAt', label: t('rounds.columns.dueAt') },
    { key: 'inScope', label: t('rounds.columns.inScope'), numeric: true },
    { key: 'answered', label: t('rounds.columns.answered'), numeric: true },
    { key: 'missing', label: t('rounds.columns.missing'), numeric: true },
    { key: 'late', label: t('rounds.columns.late'), numeric: true },
  ];
  const n = (value: number) => formatNumber(value, language);
  return (
    <DataTable caption={t('rounds.caption')} captionHidden columns={columns} className="rounds-table">
      {rounds.map((round) => (
        <tr key={round.code} data-round={round.code}>
          <td>
            <Link to={`/rounds/${encodeURIComponent(round.code)}`}>{titleOf(round, language)}</Link>
            <div className="muted small">
              <code>{round.code}</code>
            </div>
          </td>
          <td>
            <RoundStateBadge state={round.state} />
          </td>
          <td className="nowrap">{formatDate(jstDay(round.opensAt), language)}</td>
          <td className="nowrap">{formatDate(jstDay(round.dueAt), language)}</td>
          <td className="num">{n(round.totals.inScope)}</td>
          <td className="num">{n(round.totals.submitted + round.totals.accepted + round.totals.returned)}</td>
          <td className="num">{n(round.totals.missing)}</td>
          <td className="num">{n(round.totals.late)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
