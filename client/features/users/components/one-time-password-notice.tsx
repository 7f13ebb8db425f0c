import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The one-time password of a user just created (decision 025): shown this once, with a copy button
// and the warning that it is not shown again. Nothing keeps it: closing the notice forgets it.

export function OneTimePasswordNotice({ email, password, onDone }: { email: string; password: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const ref = useRef<HTMLDivElement>(null);
  // Focused, so that a screen reader reads the password and the warning at once.
  useEffect(() => ref.current?.focus(), []);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <div className="otp-notice" role="alert" tabIndex={-1} ref={ref} data-testid="otp-notice" aria-labelledby="otp-heading">
      <h3 id="otp-heading">{t('users.otp.heading', { email })}</h3>
      <p className="otp-warning">{t('users.otp.warning')}</p>
      <p>
        <span className="visually-hidden">{t('users.otp.label')}: </span>
        <code className="otp-value" data-testid="otp-value" lang="en" translate="no">
          {password}
        </code>{' '}
        <button type="button" className="secondary" onClick={() => void onCopy()}>
          {t('users.otp.copy')}
        </button>{' '}
        <span role="status">
          {copy === 'copied' ? t('users.otp.copied') : copy === 'failed' ? t('users.otp.copyFailed') : ''}
        </span>
      </p>
      <button type="button" onClick={onDone}>
        {t('users.otp.done')}
      </button>
    </div>
  );
}
