import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueuedReport, ReportQueueItem } from '../../../../server/schemas/follow-up';
import { HealthBadge, StatusBadge } from '../../../components/badges';
import { DataTable } from '../../../components/data-table';
import { formatDate, formatDateTime, formatList } from '../../../lib/format';
import { EXTERNAL_LINK } from '../../../lib/follow-up-api';
import { useLanguage } from '../../../lib/meta';

type Row = { key: string; label: string; cell: (report: QueuedReport) => ReactNode };

/** A report beside the one before it on the same measure, field by field, so a reviewer sees what changed. */
export function ReportComparison({ item }: { item: ReportQueueItem }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows: Row[] = [
    { key: 'reportedAt', label: t('review.rows.reportedAt'), cell: (r) => formatDateTime(r.reportedAt, language) },
    { key: 'reporter', label: t('review.rows.reporter'), cell: (r) => r.reporter },
    { key: 'status', label: t('review.rows.status'), cell: (r) => <StatusBadge status={r.status} /> },
    { key: 'health', label: t('review.rows.health'), cell: (r) => <HealthBadge health={r.health} /> },
    { key: 'note', label: t('review.rows.note'), cell: (r) => <p className="report-note">{r.note}</p> },
    {
      key: 'milestones',
      label: t('review.rows.milestones'),
      cell: (r) =>
        r.milestonesCompleted.length === 0
          ? t('common.none')
          : t('review.milestonesCompleted', {
              count: r.milestonesCompleted.length,
              dates: formatList(
                r.milestonesCompleted.map((m) => formatDate(m.completedDate, language)),
                language,
              ),
            }),
    },
    {
      key: 'evidence',
      label: t('review.rows.evidence'),
      cell: (r) =>
        r.evidenceUrl ? (
          <a href={r.evidenceUrl} {...EXTERNAL_LINK} className="evidence-link">
            {t('followUp.evidenceLink')}
          </a>
        ) : (
          <span className="muted">{t('followUp.noEvidence')}</span>
        ),
    },
    {
      key: 'round',
      label: t('review.rows.round'),
      cell: (r) => (
        <>
          {r.roundCode ? <code>{r.roundCode}</code> : <span className="muted">{t('review.noRound')}</span>}
          {r.late && <span className="badge answer-late">{t('review.lateMark')}</span>}
        </>
      ),
    },
    {
      key: 'review',
      label: t('review.rows.review'),
      cell: (r) => (
        <>
          {t(`answerStates.${r.review.state}`)}
          {r.review.comment && <p className="review-comment">{r.review.comment}</p>}
        </>
      ),
    },
  ];
  const { previous, report } = item;
  return (
    <DataTable
      caption={t('review.compareCaption', { code: item.measure.code })}
      captionHidden
      scroll
      size="small"
      className="report-comparison"
      columns={[
        { key: 'field', label: '', corner: true },
        { key: 'previous', label: t('review.previousReport') },
        { key: 'this', label: t('review.thisReport') },
      ]}
    >
      {rows.map((row) => (
        <tr key={row.key} data-row={row.key}>
          <th scope="row">{row.label}</th>
          <td data-report="previous">
            {previous ? row.cell(previous) : <span className="muted">{t('review.noPrevious')}</span>}
          </td>
          <td data-report="this">{row.cell(report)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
