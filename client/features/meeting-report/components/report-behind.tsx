import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeasureListResponse } from '../../../../server/schemas/responses';
import { HealthBadge } from '../../../components/badges';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { formatNumber, formatPercent } from '../../../lib/format';
import { titleOf, useLanguage, useNamer } from '../../../lib/meta';
import { REPORT_BEHIND_SIZE } from '../api/report-queries';
import { behindItems } from '../report-data';

/** The head of the most-behind list (off track, stale or overdue), as a table with links to each measure. */
export function ReportBehind({ query }: { query: UseQueryResult<MeasureListResponse> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const items = query.data ? behindItems(query.data.items) : null;
  return (
    <section className="report-section report-new-page" aria-labelledby="report-behind" data-testid="report-behind">
      <h2 id="report-behind">{t('meetingReport.behind', { count: REPORT_BEHIND_SIZE })}</h2>
      <p className="muted">{t('dashboard.behindHelp')}</p>
      <QueryView
        query={query}
        data={items}
        skeletonHeight={200}
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState message={t('dashboard.behindEmpty')} />}
      >
        {(list) => (
          <DataTable
            caption={t('meetingReport.behindTable')}
            captionHidden
            columns={[
              { key: 'code', label: t('meetingReport.code') },
              { key: 'title', label: t('meetingReport.measure') },
              { key: 'ministry', label: t('meetingReport.leadMinistry') },
              { key: 'health', label: t('meetingReport.health') },
              { key: 'overdue', label: t('meetingReport.overdue'), numeric: true },
              { key: 'progress', label: t('meetingReport.progress'), numeric: true },
            ]}
            size="small"
            scroll={false}
            testId="report-behind-table"
          >
            {list.map((item) => (
              <tr key={item.code}>
                <td>{item.code}</td>
                <th scope="row">
                  <Link to={`/measures/${encodeURIComponent(item.code)}`}>{titleOf(item, language)}</Link>
                </th>
                <td>{name('ministries', item.leadMinistry)}</td>
                <td>
                  <HealthBadge health={item.health} />
                </td>
                <td className="num">{formatNumber(item.milestones.overdue, language)}</td>
                <td className="num">{formatPercent(item.progress, language)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </section>
  );
}
