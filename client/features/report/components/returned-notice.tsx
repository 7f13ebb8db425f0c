import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import type { ReportDto } from '../../../../server/schemas/responses';
import { useLanguage } from '../../../lib/meta';

/** The secretariat sent the latest report back (差し戻し, docs/product.md §4): its comment, above the form that answers it. */
export function ReturnedNotice({ report }: { report: ReportDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { review } = report;
  return (
    <section
      className="form-notice warning returned-notice"
      aria-labelledby="report-returned-heading"
      data-testid="report-returned"
    >
      <h2 id="report-returned-heading">{t('followUpViews.returnedHeading')}</h2>
      <p>
        {t('followUpViews.returnedOn', {
          reported: formatDateTime(report.reportedAt, language),
          reviewed: formatDateTime(review.reviewedAt, language),
          reviewer: review.reviewer ?? '—',
        })}
      </p>
      <blockquote className="review-comment">{review.comment}</blockquote>
      <p className="muted small">{t('followUpViews.returnedAnswer')}</p>
    </section>
  );
}
