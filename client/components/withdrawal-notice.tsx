import { useTranslation } from 'react-i18next';
import type { MeasureDetailResponse } from '../../server/schemas/responses';
import { formatDate, formatDateTime } from '../lib/format';
import { useLanguage } from '../lib/meta';

// 廃止 (docs/decisions/024): a withdrawn measure says so, with the day, the reason and who recorded it,
// wherever it is shown in full (its page, its edit page).

export function WithdrawalNotice({ withdrawal }: { withdrawal: NonNullable<MeasureDetailResponse['withdrawal']> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const date = formatDate(withdrawal.date, language);
  return (
    <div className="withdrawal-notice" role="note" data-testid="withdrawal-notice">
      <p>
        <strong className="badge badge-withdrawn">{t('withdrawal.badge')}</strong> {t('withdrawal.notice', { date })}
      </p>
      <p className="withdrawal-reason">{t('withdrawal.noticeReason', { reason: withdrawal.reason })}</p>
      <p className="muted">
        {t('withdrawal.noticeBy', { by: withdrawal.withdrawnBy, at: formatDateTime(withdrawal.withdrawnAt, language) })}
        {' · '}
        {t('withdrawal.noticeAsOf', { date })}
      </p>
    </div>
  );
}
