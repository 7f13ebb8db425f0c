import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WriteProblem } from '../lib/use-measure-write';
import { signInPath } from '../lib/session';

/** A failed write, said plainly; a lapsed session comes with the way back to this page. */
export function WriteProblemMessage({ problem, signInNext }: { problem: WriteProblem; signInNext: string }) {
  const { t } = useTranslation();
  if (problem.kind === 'forbidden') {
    return (
      <>
        <p>
          <strong>{t('report.forbiddenTitle')}</strong>
        </p>
        <p>{t('report.forbiddenServer', { message: problem.message })}</p>
      </>
    );
  }
  if (problem.kind === 'unauthenticated') {
    return (
      <p>
        {t('auth.sessionExpired')} <Link to={signInPath(signInNext)}>{t('auth.signIn')}</Link>
      </p>
    );
  }
  return <p>{t('report.failed', { message: problem.message })}</p>;
}
