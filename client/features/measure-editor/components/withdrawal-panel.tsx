import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { jstDateOf } from '../../../../common/calendar';
import { MAX_WITHDRAWAL_REASON_LENGTH } from '../../../../common/limits';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { flashState } from '../../../components/flash-notice';
import { FormField } from '../../../components/form-field';
import { Panel } from '../../../components/panel';
import { WriteProblemMessage } from '../../../components/write-problem';
import { formatDate } from '../../../lib/format';
import { invalidateAfterWrite, restoreMeasure, withdrawMeasure } from '../../../lib/measure-writes';
import type { EditableMeasure, WithdrawalBody } from '../../../lib/measure-writes';
import { useLanguage } from '../../../lib/meta';
import { useMeasureWrite } from '../../../lib/use-measure-write';

// Withdrawing (廃止) a measure, or restoring a withdrawn one (docs/decisions/024), from its edit page:
// a reason and the day it takes effect, asked once more in a dialog, sent with If-Match.

type Errors = { reason?: string; date?: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function WithdrawalPanel({ editable }: { editable: EditableMeasure }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { measure, etag } = editable;
  const restoring = measure.withdrawal !== null;
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const [conflicted, setConflicted] = useState(false);
  const today = jstDateOf(new Date());

  const write = useMeasureWrite<WithdrawalBody>({
    write: (body, version) => (restoring ? restoreMeasure : withdrawMeasure)(measure.code, version, body),
    onSaved: async (saved) => {
      await invalidateAfterWrite(queryClient);
      void navigate(`/measures/${saved.measure.code}`, {
        state: flashState(restoring ? 'withdrawal.restored' : 'withdrawal.withdrawn', { code: saved.measure.code }),
      });
    },
    onConflict: () => setConflicted(true),
    onIssues: (issues) => {
      const found: Errors = {};
      for (const issue of issues) {
        const field = issue.path[0];
        if (field === 'reason' || field === 'date') found[field] = issue.message;
      }
      if (Object.keys(found).length === 0) return false;
      setErrors(found);
      return true;
    },
  });

  const check = (): Errors => {
    const found: Errors = {};
    if (reason.trim() === '') found.reason = t('withdrawal.errors.reasonRequired');
    else if (reason.length > MAX_WITHDRAWAL_REASON_LENGTH) {
      found.reason = t('withdrawal.errors.tooLong', { max: MAX_WITHDRAWAL_REASON_LENGTH });
    }
    if (date !== '' && (!DATE.test(date) || Number.isNaN(Date.parse(date)))) found.date = t('withdrawal.errors.dateInvalid');
    return found;
  };

  const id = `withdrawal-${restoring ? 'restore' : 'withdraw'}`;
  const effective = date === '' ? t('withdrawal.today') : formatDate(date, language);
  return (
    <Panel
      title={restoring ? t('withdrawal.restoreTitle') : t('withdrawal.withdrawTitle')}
      description={restoring ? t('withdrawal.restoreIntro') : t('withdrawal.withdrawIntro')}
      variant="box"
      className="withdrawal-panel"
      testId="withdrawal-panel"
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = check();
          setErrors(found);
          if (Object.keys(found).length === 0) setConfirming(true);
        }}
      >
        <FormField id={`${id}-reason`} label={t('withdrawal.reason')} hint={t('withdrawal.reasonHint')} error={errors.reason}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                setErrors((e) => ({ ...e, reason: undefined }));
              }}
            />
          )}
        </FormField>
        <FormField id={`${id}-date`} label={t('withdrawal.date')} hint={t('withdrawal.dateHint')} error={errors.date}>
          {(control) => (
            <input
              {...control}
              type="date"
              max={today}
              value={date}
              onChange={(event) => {
                setDate(event.target.value);
                setErrors((e) => ({ ...e, date: undefined }));
              }}
            />
          )}
        </FormField>
        {conflicted && (
          <p className="form-alert" role="alert">
            {t('measureEditor.conflict')}
          </p>
        )}
        {write.problem && (
          <div className="form-alert" role="alert">
            <WriteProblemMessage problem={write.problem} signInNext={`/measures/${measure.code}/edit`} />
          </div>
        )}
        <button type="submit" className={restoring ? undefined : 'danger'} disabled={write.isPending}>
          {restoring ? t('withdrawal.restore') : t('withdrawal.withdraw')}
        </button>
      </form>
      <ConfirmDialog
        open={confirming}
        title={
          restoring
            ? t('withdrawal.confirmRestoreTitle', { code: measure.code })
            : t('withdrawal.confirmWithdrawTitle', { code: measure.code })
        }
        confirmLabel={restoring ? t('withdrawal.restore') : t('withdrawal.withdraw')}
        cancelLabel={t('withdrawal.cancel')}
        busy={write.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          setConflicted(false);
          write.send({ reason: reason.trim(), ...(date === '' ? {} : { date }) }, etag);
        }}
      >
        {restoring ? t('withdrawal.confirmRestore', { date: effective }) : t('withdrawal.confirmWithdraw', { date: effective })}
      </ConfirmDialog>
    </Panel>
  );
}
