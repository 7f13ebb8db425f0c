import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// Loading skeletons, error states with retry and empty states, the same everywhere.

export function Skeleton({ height = 120, label }: { height?: number; label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton" style={{ height }} role="status" aria-live="polite">
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-state" role="alert">
      <p>{t('common.error')}</p>
      {error instanceof Error && <p className="muted">{error.message}</p>}
      <button type="button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}

/** Nothing to show: "no measures match" unless `message` says what is missing; `children` offer a way out. */
export function EmptyState({ message, children }: { message?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state" role="status">
      <p>{message ?? t('common.empty')}</p>
      {children}
    </div>
  );
}
