import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { flashState } from '../../../components/flash-notice';
import { RequireRight, RequireSession } from '../../../components/require-session';
import { WriteProblemMessage } from '../../../components/write-problem';
import { invalidateAfterWrite } from '../../../lib/measure-writes';
import type { SessionUser } from '../../../lib/session';
import { writeFailureOf } from '../../../lib/use-measure-write';
import type { WriteProblem } from '../../../lib/use-measure-write';
import { registersMeasures } from '../../../../common/roles';
import { registerMeasure } from '../api/register-measure';
import { createBodyOf, emptyDraft, errorsOfIssues } from '../measure-draft';
import type { DraftErrors, DraftField, MeasureDraft } from '../measure-draft';
import { MeasureForm } from './measure-form';

/** 施策の新規登録 (docs/product.md §5) at /measures/new: a ministry lead for their ministry, the centre for any. */
export function NewMeasurePage() {
  const { t } = useTranslation();
  return (
    <RequireRight
      right={(user) => registersMeasures(user.role)}
      title={t('measureEditor.newTitle')}
      refusal={t('measureEditor.newRefusal')}
    >
      <NewMeasure />
    </RequireRight>
  );
}

/** Inside RequireRight, so signed in and allowed; the form needs the user themselves (their ministry). */
function NewMeasure() {
  return <RequireSession>{(user) => <NewMeasureForm user={user} />}</RequireSession>;
}

function NewMeasureForm({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fixedMinistry = user.role === 'ministry_lead' ? user.ministry : null;
  const [serverErrors, setServerErrors] = useState<DraftErrors>({});
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const mutation = useMutation({ mutationFn: (draft: MeasureDraft) => registerMeasure(createBodyOf(draft)) });

  const submit = (draft: MeasureDraft) => {
    setProblem(null);
    mutation.mutate(draft, {
      onSuccess: async ({ measure }) => {
        await invalidateAfterWrite(queryClient);
        void navigate(`/measures/${measure.code}`, { state: flashState('measureEditor.created', { code: measure.code }) });
      },
      onError: (error) => {
        const failure = writeFailureOf(error);
        if (failure.kind !== 'issues') return setProblem(failure);
        const byField = errorsOfIssues(failure.issues);
        if (byField) setServerErrors(byField);
        else setProblem({ kind: 'failed', message: error.message });
      },
    });
  };

  return (
    <section className="narrow-page" aria-labelledby="new-measure-heading">
      <h1 id="new-measure-heading">{t('measureEditor.newTitle')}</h1>
      <p>{t('measureEditor.newIntro')}</p>
      <MeasureForm
        mode="create"
        initial={emptyDraft(fixedMinistry ?? '')}
        leadMinistryFixed={fixedMinistry !== null}
        isPending={mutation.isPending}
        serverErrors={serverErrors}
        onClearServerError={(field: DraftField) => setServerErrors((e) => ({ ...e, [field]: undefined }))}
        onSubmit={submit}
        submitLabel={t('measureEditor.register')}
      >
        {problem && (
          <div className="form-alert" role="alert">
            <WriteProblemMessage problem={problem} signInNext="/measures/new" />
          </div>
        )}
      </MeasureForm>
    </section>
  );
}
