import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFoundPage({ message }: { message?: string }) {
  const { t } = useTranslation();
  return (
    <section className="not-found">
      <h1>{message ?? t('common.notFound')}</h1>
      <p>
        <Link to="/">{t('common.backToDashboard')}</Link>
      </p>
    </section>
  );
}
