import { useTranslation } from 'react-i18next';
import { StatusHealthCells } from '../../../components/badges';
import { DataTable } from '../../../components/data-table';
import { DownloadMenu } from '../../../components/download-menu';
import { Panel } from '../../../components/panel';
import { exportUrl } from '../../../lib/export-url';
import { formatDateTime } from '../../../lib/format';
import type { MeasureDetailResponse, ReportDto } from '../../../../server/schemas/responses';
import { useLanguage } from '../../../lib/meta';
import { reportHistoryFilters } from '../api/measure-detail-queries';

// The report history, newest first (docs/product.md §5), with each report's review by the
// secretariat (受理 / 差し戻し with its comment / 確認待ち) and the round it answered (§4).

export function ReportHistory({ measure: m, asOf }: { measure: MeasureDetailResponse; asOf: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Panel
      title={t('detail.reports')}
      variant="plain"
      actions={
        m.reports.length > 0 && (
          <DownloadMenu
            context={t('detail.reports')}
            hint={t('download.reportsHint')}
            hrefOf={(format) => exportUrl('reports', format, reportHistoryFilters(m.code, asOf), language)}
          />
        )
      }
    >
      {m.reports.length === 0 ? (
        <p className="muted">{t('detail.noReports')}</p>
      ) : (
        <DataTable
          caption={t('detail.reports')}
          captionHidden
          columns={[
            { key: 'reportedAt', label: t('detail.reportedAt') },
            { key: 'status', label: t('explorer.columns.status') },
            { key: 'health', label: t('explorer.columns.health') },
            { key: 'note', label: t('detail.summary') },
            { key: 'reporter', label: t('detail.reportedBy') },
            { key: 'review', label: t('followUpViews.review') },
            { key: 'round', label: t('followUpViews.round') },
          ]}
        >
          {m.reports.map((r) => (
            <tr key={r.id} data-report={r.id}>
              <td>{formatDateTime(r.reportedAt, language)}</td>
              <StatusHealthCells status={r.status} health={r.health} />
              <td lang="ja">
                {r.note}
                {r.evidenceUrl && (
                  <>
                    {' '}
                    <a href={r.evidenceUrl} rel="noopener noreferrer" target="_blank">
                      {t('detail.evidence')}
                    </a>
                  </>
                )}
              </td>
              <td>{r.reporter}</td>
              <td data-testid="report-review">
                <ReviewCell report={r} />
              </td>
              <td className="nowrap" data-testid="report-round">
                {r.roundCode ?? <span className="muted">—</span>}
                {r.late && <div className="overdue-count small">{t('followUpViews.late')}</div>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

function ReviewCell({ report }: { report: ReportDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { review } = report;
  return (
    <>
      <span className={`review-state review-${review.state}`}>{t(`followUpViews.reviewState.${review.state}`)}</span>
      {review.state === 'returned' && review.comment && <blockquote className="review-comment">{review.comment}</blockquote>}
      {review.reviewedAt && (
        <div className="muted small">
          {review.reviewer} · {formatDateTime(review.reviewedAt, language)}
        </div>
      )}
    </>
  );
}
