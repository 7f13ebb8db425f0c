import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { canFreezeEditions } from '../../../../common/roles';
import { FormField } from '../../../components/form-field';
import { useModalDialog } from '../../../components/use-modal-dialog';
import { WriteProblemMessage } from '../../../components/write-problem';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { nameOf, offeredChoices, useLanguage, useMeta } from '../../../lib/meta';
import { useSession } from '../../../lib/session';
import { writeFailureOf } from '../../../lib/use-measure-write';
import type { WriteProblem } from '../../../lib/use-measure-write';
import { dashboardKeys, editionFiltersOf, freezeEdition } from '../api/dashboard-queries';
import type { DashboardFilters } from '../api/dashboard-queries';
import { defaultEditionCode } from '../edition-filters';

// Freezing what the dashboard shows for a meeting (docs/product.md §2 "Meetings and editions"):
// the secretariat picks the meeting and a code; the dashboard's own filters, deadline, as-of date
// and basis are what is frozen. On success the dashboard opens the edition.

type FieldErrors = { meeting?: string; code?: string };

function failureOf(error: Error, t: (key: string) => string): { fields: FieldErrors } | { problem: WriteProblem } {
  if (error instanceof ApiRequestError && error.status === 409) return { fields: { code: t('editions.codeTaken') } };
  const failure = writeFailureOf(error);
  if (failure.kind !== 'issues') return { problem: failure };
  const fields: FieldErrors = {};
  for (const issue of failure.issues) {
    const key = issue.path[0];
    if (key === 'meeting' || key === 'code') fields[key] ??= issue.message;
  }
  return Object.keys(fields).length > 0 ? { fields } : { problem: { kind: 'failed', message: error.message } };
}

/** The button 「会議資料として固定」 and its dialog; nothing for those without canFreezeEditions. */
export function FreezeEditionButton({ filters, asOf }: { filters: DashboardFilters; asOf: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  if (!canFreezeEditions(user)) return null;
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {t('editions.freeze')}
      </button>
      {open && <FreezeEditionDialog filters={filters} asOf={asOf} onClose={() => setOpen(false)} />}
    </>
  );
}

export function FreezeEditionDialog({
  filters,
  asOf,
  onClose,
}: {
  filters: DashboardFilters;
  asOf: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = useId();
  // A retired meeting gets no new editions (decision 026).
  const meetings = offeredChoices(meta?.meetings ?? []);
  const initialMeeting = meta?.nextMeeting ?? meta?.lastMeeting ?? meetings[0]?.code ?? '';
  // Until one is chosen, the default meeting (the meta may arrive after the dialog opens); the code
  // follows the meeting until it is edited.
  const [chosenMeeting, setMeeting] = useState('');
  const meeting = chosenMeeting || initialMeeting;
  const [editedCode, setCode] = useState<string | null>(null);
  const code = editedCode ?? (meeting ? defaultEditionCode(meeting, asOf) : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const close = useCallback(() => onClose(), [onClose]);
  const ref = useModalDialog(true, close, firstField);
  const mutation = useMutation({ mutationFn: freezeEdition });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    if (!code.trim()) {
      setErrors({ code: t('editions.codeRequired') });
      return;
    }
    setErrors({});
    const body = {
      code: code.trim(),
      meeting,
      filters: editionFiltersOf(filters),
      ...(filters.asOf ? { asOf: filters.asOf } : {}),
    };
    mutation.mutate(body, {
      onSuccess: async (edition) => {
        queryClient.setQueryData(dashboardKeys.edition(edition.code), edition);
        await queryClient.invalidateQueries({ queryKey: ['editions'] });
        onClose();
        await navigate(`/?edition=${encodeURIComponent(edition.code)}`);
      },
      onError: (error) => {
        const failure = failureOf(error, t);
        if ('fields' in failure) setErrors(failure.fields);
        else setProblem(failure.problem);
      },
    });
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog freeze-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <h2 id={`${id}-title`}>{t('editions.dialogTitle')}</h2>
      <p id={`${id}-intro`}>{t('editions.dialogIntro')}</p>
      {problem && (
        <div className="form-alert" role="alert">
          <WriteProblemMessage problem={problem} signInNext="/" />
        </div>
      )}
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        <FormField
          id={`${id}-meeting`}
          label={t('editions.meeting')}
          error={errors.meeting ?? (meetings.length === 0 ? t('editions.noMeetings') : undefined)}
        >
          {(control) => (
            <select {...control} ref={firstField} value={meeting} onChange={(e) => setMeeting(e.target.value)}>
              {meetings.map((m) => (
                <option key={m.code} value={m.code}>
                  {t('editions.meetingOption', { name: nameOf(m, language), date: formatDate(m.date, language) })}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={`${id}-code`} label={t('editions.code')} hint={t('editions.codeHint')} error={errors.code}>
          {(control) => (
            <input
              {...control}
              type="text"
              maxLength={64}
              autoComplete="off"
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                if (errors.code) setErrors((x) => ({ ...x, code: undefined }));
              }}
            />
          )}
        </FormField>
        <div className="dialog-actions">
          <button type="submit" disabled={mutation.isPending || meetings.length === 0}>
            {t('editions.submit')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('editions.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
