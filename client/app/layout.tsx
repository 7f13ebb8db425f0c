import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FlashNotice, flashState } from '../components/flash-notice';
import { rememberLanguage } from '../lib/i18n';
import { useLanguage, useNamer } from '../lib/meta';
import { PASSWORD_PAGE, passwordPath, signInPath, useLogout, useSession } from '../lib/session';
import {
  canConfirmKpiCategories,
  canManageReferenceData,
  canManageRounds,
  canManageUsers,
  canReadAudit,
  canReviewReports,
  canVerifyMilestones,
} from '../../common/roles';

export function Layout() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { user } = useSession();
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
          <NavLink to="/changes">{t('changes.nav')}</NavLink>
          <NavLink to="/analysis">{t('analysis.title')}</NavLink>
          <NavLink to="/editions">{t('editions.nav')}</NavLink>
          {user?.role === 'ministry_lead' && <NavLink to="/my">{t('nav.myMinistry')}</NavLink>}
          {canManageRounds(user) && <NavLink to="/rounds">{t('nav.rounds')}</NavLink>}
          {canReviewReports(user) && <NavLink to="/review">{t('nav.review')}</NavLink>}
          {canVerifyMilestones(user) && <NavLink to="/verification">{t('nav.verification')}</NavLink>}
          {canConfirmKpiCategories(user) && <NavLink to="/kpi-categories">{t('nav.kpiCategories')}</NavLink>}
          {canReadAudit(user) && <NavLink to="/admin/audit">{t('nav.audit')}</NavLink>}
          {canManageUsers(user) && <NavLink to="/admin/users">{t('users.nav')}</NavLink>}
          {canManageReferenceData(user) && <NavLink to="/admin/deadlines">{t('referenceData.nav')}</NavLink>}
        </nav>
        {/* The language toggle comes before the user's box: the Tab order of every page starts skip link,
            navigation, language (tests/e2e/accessibility.test.ts), whoever is signed in. Its accessible
            name starts with the text it shows, so that a voice-control user can say "click English"
            (WCAG 2.5.3), and goes on to say what it does; the shown name is marked as in its language. */}
        <button
          type="button"
          className="language-toggle"
          onClick={toggle}
          aria-label={t('language.name', { switchTo: t('language.switchTo'), label: t('language.label') })}
        >
          <span lang={language === 'ja' ? 'en' : 'ja'}>{t('language.switchTo')}</span>
        </button>
        <UserBox />
      </header>
      <p className="sample-note" role="note">
        {t('app.sampleNote')}
      </p>
      <main id="main" tabIndex={-1}>
        <FlashNotice />
        <PasswordChangeGate />
      </main>
    </>
  );
}

/**
 * The page, unless the user signed in with a one-time password they have not changed yet: then the
 * password page, and on to the page they asked for afterwards (decision 025; the server refuses
 * everything else meanwhile).
 */
function PasswordChangeGate() {
  const { mustChangePassword } = useSession();
  const location = useLocation();
  if (mustChangePassword && location.pathname !== PASSWORD_PAGE && location.pathname !== '/login') {
    return <Navigate to={passwordPath(`${location.pathname}${location.search}`)} replace />;
  }
  return <Outlet />;
}

/** Who is signed in (name, role, ministry) with a sign-out button; a sign-in link otherwise. */
function UserBox() {
  const { t } = useTranslation();
  const name = useNamer();
  const { user, isPending } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  if (isPending) return <div className="user-box" aria-hidden="true" />;
  if (!user) {
    const here = `${location.pathname}${location.search}`;
    const onLogin = location.pathname === '/login';
    return (
      <div className="user-box">
        {!onLogin && (
          <Link className="sign-in-link" to={here === '/' ? '/login' : signInPath(here)}>
            {t('auth.signIn')}
          </Link>
        )}
      </div>
    );
  }
  return (
    <div className="user-box" data-testid="user-box">
      <span className="user-identity">
        <span className="user-name">{user.displayName}</span>
        <span className="user-role">
          {t(`roles.${user.role}`)}
          {user.ministry && ` · ${name('ministries', user.ministry)}`}
        </span>
        <Link className="account-link" to={PASSWORD_PAGE}>
          {t('account.link')}
        </Link>
      </span>
      <button
        type="button"
        className="secondary"
        disabled={logout.isPending}
        onClick={() =>
          logout.mutate(undefined, {
            onSettled: () => void navigate('/', { state: flashState('auth.signedOut') }),
          })
        }
      >
        {t('auth.signOut')}
      </button>
    </div>
  );
}
