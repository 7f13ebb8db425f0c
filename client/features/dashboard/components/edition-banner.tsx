import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EditionDto } from '../../../../server/schemas/meeting-pack';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate, formatDateTime, formatList } from '../../../lib/format';
import { nameOf, useLanguage, useNamer } from '../../../lib/meta';
import type { TaxonomyKind } from '../../../lib/meta';

// The banner over a frozen edition (docs/product.md §2 "Meetings and editions"): which meeting it
// was for, the as-of date and the filters it fixed, and the way back to the live figures.

const KIND_OF: Record<string, TaxonomyKind> = {
  field: 'fields',
  ministry: 'ministries',
  status: 'statuses',
  health: 'healths',
  pillar: 'pillars',
  instrument: 'instruments',
  deadline: 'deadlines',
};

/** The dashboard's own URL without `edition`: the same page with the latest figures. */
export function latestHref(search: URLSearchParams): string {
  const params = new URLSearchParams(search);
  params.delete('edition');
  const rest = params.toString();
  return rest ? `/?${rest}` : '/';
}

export function EditionBanner({ edition, latest }: { edition: EditionDto; latest: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const filters = Object.entries(edition.filters).map(([key, values]) => {
    const kind = KIND_OF[key];
    const shown = kind ? values.map((v) => name(kind, v)) : values;
    return `${t(`filters.${key}`, { defaultValue: key })}${t('dashboard.colon')}${formatList(shown, language)}`;
  });

  return (
    <section className="edition-banner" aria-label={t('editions.bannerLabel')} data-testid="edition-banner">
      <h2>
        {t('editions.bannerTitle', {
          meeting: nameOf(edition.meeting, language),
          date: formatDate(edition.meeting.date, language),
        })}
      </h2>
      <p>{t('editions.bannerAsOf', { date: formatDate(edition.asOf, language) })}</p>
      <dl className="edition-banner-facts">
        <div>
          <dt>{t('editions.bannerFilters')}</dt>
          <dd>{filters.length > 0 ? filters.join(' / ') : t('editions.bannerNoFilters')}</dd>
        </div>
        <div>
          <dt>{t('editions.bannerDeadline')}</dt>
          <dd>{name('deadlines', edition.deadline)}</dd>
        </div>
        <div>
          <dt>{t('editions.bannerBasis')}</dt>
          <dd>{t(`filters.basisValues.${edition.basis}`)}</dd>
        </div>
      </dl>
      <p className="muted">
        {t('editions.bannerFrozen', { date: formatDateTime(edition.createdAt, language), who: edition.createdBy })}
      </p>
      <p>
        <Link to={latest}>{t('editions.latest')}</Link>
      </p>
    </section>
  );
}

/** Where a section the edition did not freeze would be: a short note instead. */
export function NotFrozenNote() {
  const { t } = useTranslation();
  return <p className="muted edition-not-frozen">{t('editions.notFrozen')}</p>;
}

/** An edition the URL names but the server does not know (or could not answer): say so, with the way back. */
export function EditionProblem({ code, error, latest }: { code: string; error: Error; latest: string }) {
  const { t } = useTranslation();
  const missing = error instanceof ApiRequestError && error.status === 404;
  return (
    <div className="form-alert" role="alert" data-testid="edition-problem">
      <p>{missing ? t('editions.notFound', { code }) : t('editions.loadFailed')}</p>
      <p>
        <Link to={latest}>{t('editions.backToLatest')}</Link>
      </p>
    </div>
  );
}
