import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * The head of a page that works on one measure (the report form, the milestone editor): the trail
 * back to the list and the measure, the page's heading, the measure's title and what the page is for.
 */
export function MeasurePageHeader({
  code,
  measureTitle,
  section,
  heading,
  intro,
}: {
  code: string;
  measureTitle: string;
  /** The last step of the trail: the page's short name. */
  section: string;
  heading: string;
  intro: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted">
        <Link to="/measures">{t('nav.measures')}</Link> / <Link to={`/measures/${code}`}>{code}</Link> / {section}
      </p>
      <h1>{heading}</h1>
      <p className="lead-title">{measureTitle}</p>
      <p>{intro}</p>
    </>
  );
}
