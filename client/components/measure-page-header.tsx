import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * The head of a page that works on one measure (the report form, the milestone editor): the trail
 * back to the list and the measure, the page's heading, the measure's title and what the page is for.
 * The texts are the page's locale keys `<page>.title`, `<page>.heading` and `<page>.intro`.
 */
export function MeasurePageHeader({
  code,
  measureTitle,
  page,
}: {
  code: string;
  measureTitle: string;
  page: 'report' | 'milestones';
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted">
        <Link to="/measures">{t('nav.measures')}</Link> / <Link to={`/measures/${code}`}>{code}</Link> / {t(`${page}.title`)}
      </p>
      <h1>{t(`${page}.heading`, { code })}</h1>
      <p className="lead-title">{measureTitle}</p>
      <p>{t(`${page}.intro`)}</p>
    </>
  );
}
