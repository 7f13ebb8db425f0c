import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';
import { useLanguage } from '../lib/meta';

/** Previous / "page N of M" / next, under a paged list; `label` names the navigation landmark. */
export function Pagination({
  page,
  pages,
  label,
  onPage,
}: {
  page: number;
  pages: number;
  label: string;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('explorer.previous')}
      </button>
      <span>{t('explorer.page', { page: formatNumber(page, language), pages: formatNumber(pages, language) })}</span>
      <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('explorer.next')}
      </button>
    </nav>
  );
}
