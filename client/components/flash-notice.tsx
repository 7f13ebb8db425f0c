import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

// A one-time notice carried in the router's history state ("report saved"), shown on the page a
// write navigates to. It is a translation key with values, so it follows a language switch.

export interface FlashNoticeState {
  notice: { key: string; values?: Record<string, string | number> };
}

export function flashState(key: string, values?: Record<string, string | number>): FlashNoticeState {
  return { notice: { key, values } };
}

function noticeOf(state: unknown): FlashNoticeState['notice'] | null {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  const notice = (state as { notice: unknown }).notice;
  if (typeof notice !== 'object' || notice === null || typeof (notice as { key?: unknown }).key !== 'string') return null;
  return notice as FlashNoticeState['notice'];
}

export function FlashNotice() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const notice = noticeOf(location.state);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) ref.current?.focus();
  }, [notice]);
  if (!notice) return null;
  return (
    <div className="flash-notice" role="status" ref={ref} tabIndex={-1} data-testid="flash-notice">
      <span>{t(notice.key, notice.values ?? {})}</span>
      <button
        type="button"
        className="link-button"
        onClick={() => void navigate(`${location.pathname}${location.search}`, { replace: true, state: null })}
      >
        {t('common.dismiss')}
      </button>
    </div>
  );
}
