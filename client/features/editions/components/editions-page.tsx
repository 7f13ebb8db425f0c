import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { formatDate, formatDateTime } from '../../../lib/format';
import { nameOf, useLanguage } from '../../../lib/meta';
import { editionListQuery } from '../api/editions-queries';

// The editions frozen for meetings (docs/product.md §2 "Meetings and editions", §5): for everyone,
// each opening on the dashboard or as the printable report exactly as it was frozen.

export function EditionsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const query = useQuery(editionListQuery());
  const columns = [
    { key: 'meeting', label: t('editions.columnMeeting') },
    { key: 'code', label: t('editions.columnCode') },
    { key: 'asOf', label: t('editions.columnAsOf') },
    { key: 'by', label: t('editions.columnFrozenBy') },
    { key: 'at', label: t('editions.columnFrozenAt') },
    { key: 'links', label: t('editions.columnLinks') },
  ];
  return (
    <div className="editions-page">
      <h1>{t('editions.pageTitle')}</h1>
      <p className="muted">{t('editions.pageIntro')}</p>
      <QueryView
        query={query}
        data={query.data}
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState>{t('editions.empty')}</EmptyState>}
      >
        {(data) => (
          <DataTable caption={t('editions.pageTitle')} captionHidden columns={columns} testId="editions-table">
            {data.items.map((edition) => {
              const code = encodeURIComponent(edition.code);
              return (
                <tr key={edition.code}>
                  <td>
                    {t('editions.meetingOption', {
                      name: nameOf(edition.meeting, language),
                      date: formatDate(edition.meeting.date, language),
                    })}
                  </td>
                  <td>
                    <code>{edition.code}</code>
                  </td>
                  <td>{formatDate(edition.asOf, language)}</td>
                  <td>{edition.createdBy}</td>
                  <td>{formatDateTime(edition.createdAt, language)}</td>
                  <td>
                    <Link to={`/?edition=${code}`}>{t('editions.openDashboard')}</Link>
                    {' / '}
                    <Link to={`/report?edition=${code}`}>{t('editions.openReport')}</Link>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </QueryView>
    </div>
  );
}
