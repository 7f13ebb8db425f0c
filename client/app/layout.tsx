import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { rememberLanguage } from '../lib/i18n';
import { useLanguage } from '../lib/meta';

export function Layout() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const toggle = () => {
    const next = language === 'ja' ? 'en' : 'ja';
    void i18n.changeLanguage(next);
    rememberLanguage(next);
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-title">
          <span className="app-name">{t('app.title')}</span>
          <span className="app-subtitle">{t('app.subtitle')}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          <NavLink to="/" end>
            {t('nav.dashboard')}
          </NavLink>
          <NavLink to="/measures">{t('nav.measures')}</NavLink>
        </nav>
        <button type="button" className="language-toggle" onClick={toggle} aria-label={t('language.label')} lang={language === 'ja' ? 'en' : 'ja'}>
          {t('language.switchTo')}
        </button>
      </header>
      <p className="sample-note" role="note">
        {t('app.sampleNote')}
      </p>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
