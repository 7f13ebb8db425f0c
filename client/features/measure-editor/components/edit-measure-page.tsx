import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConflictDialog } from '../../../components/conflict-dialog';
import type { ConflictRow } from '../../../components/conflict-dialog';
import { EditableMeasureLoader } from '../../../components/editable-measure-loader';
import { flashState } from '../../../components/flash-notice';
import { RequireSession } from '../../../components/require-session';
import { WithdrawalNotice } from '../../../components/withdrawal-notice';
import { WriteProblemMessage } from '../../../components/write-problem';
import { invalidateAfterWrite, patchMeasure } from '../../../lib/measure-writes';
import type { EditableMeasure, MeasureDetail, MeasurePatchBody } from '../../../lib/measure-writes';
import { titleOf, useLanguage, useNamer } from '../../../lib/meta';
import { useMeasureWrite } from '../../../lib/use-measure-write';
import { draftOf, errorsOfIssues, patchBodyOf } from '../measure-draft';
import type { DraftErrors, MeasureDraft } from '../measure-draft';
import { MeasureForm } from './measure-form';
import { WithdrawalPanel } from './withdrawal-panel';

/** Editing a measure's own fields (docs/product.md §5) at /measures/:code/edit, with If-Match and the conflict dialog. */
export function EditMeasurePage() {
  const { code = '' } = useParams();
  return (
    <RequireSession>
      {(user) => (
        <EditableMeasureLoader code={code} user={user}>
          {(editable) =>
            editable.measure.withdrawal ? (
              <WithdrawnMeasure key={editable.etag} editable={editable} />
            ) : (
              <EditMeasureForm key={`${editable.measure.code}:${editable.etag}`} initial={editable} />
            )
          }
        </EditableMeasureLoader>
      )}
    </RequireSession>
  );
}

/** A withdrawn measure is read-only (docs/decisions/024): its edit page offers its restoration alone. */
function WithdrawnMeasure({ editable }: { editable: EditableMeasure }) {
  const { t } = useTranslation();
  const { measure } = editable;
  return (
    <EditPageFrame measure={measure}>
      {measure.withdrawal && <WithdrawalNotice withdrawal={measure.withdrawal} />}
      <p>{t('withdrawal.readOnly')}</p>
      <WithdrawalPanel editable={editable} />
    </EditPageFrame>
  );
}

/** The edit page's way back to the measure and its heading, whatever the page offers below them. */
function EditPageFrame({ measure, children }: { measure: MeasureDetail; children: ReactNode }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="narrow-page" aria-labelledby="edit-measure-heading">
      <p>
        <Link to={`/measures/${measure.code}`}>{t('report.backToMeasure')}</Link>
      </p>
      <h1 id="edit-measure-heading">
        {t('measureEditor.editTitle')}: {measure.code} {titleOf(measure, language)}
      </h1>
      {children}
    </section>
  );
}

function EditMeasureForm({ initial }: { initial: EditableMeasure }) {
  const { t } = useTranslation();
  const name = useNamer();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { measure, etag } = initial;
  const base = draftOf(measure);
  const [serverErrors, setServerErrors] = useState<DraftErrors>({});
  const [unchanged, setUnchanged] = useState(false);
  const write = useMeasureWrite<MeasurePatchBody>({
    write: (body, version) => patchMeasure(measure.code, version, body),
    onSaved: async (saved) => {
      await invalidateAfterWrite(queryClient);
      void navigate(`/measures/${saved.measure.code}`, {
        state: flashState('measureEditor.saved', { code: saved.measure.code }),
      });
    },
    onIssues: (issues) => {
      const byField = errorsOfIssues(issues);
      if (byField) setServerErrors(byField);
      return byField !== null;
    },
  });

  const submit = (draft: MeasureDraft) => {
    const body = patchBodyOf(base, draft);
    setUnchanged(Object.keys(body).length === 0);
    if (Object.keys(body).length > 0) write.send(body, etag);
  };

  const show = (m: MeasureDetail, key: keyof MeasurePatchBody, body?: MeasurePatchBody): string => {
    const value = body && key in body ? body[key] : m[key];
    if (Array.isArray(value)) {
      const kind = key === 'fields' ? 'fields' : key === 'instruments' ? 'instruments' : 'ministries';
      return value.map((code) => name(kind, String(code))).join('、');
    }
    return value === null || value === undefined || value === '' ? '—' : String(value);
  };
  const conflict = write.conflict;
  const rows: ConflictRow[] = conflict
    ? (Object.keys(conflict.pending) as (keyof MeasurePatchBody)[]).map((key) => ({
        key,
        label: t(`measureEditor.${key === 'fields' ? 'primaryField' : key}`),
        mine: show(measure, key, conflict.pending),
        current: show(conflict.current, key),
      }))
    : [];

  return (
    <EditPageFrame measure={measure}>
      <p className="muted">{t('measureEditor.editIntro', { version: measure.version })}</p>
      <MeasureForm
        mode="edit"
        initial={base}
        leadMinistryFixed
        isPending={write.isPending}
        serverErrors={serverErrors}
        onClearServerError={(field) => setServerErrors((e) => ({ ...e, [field]: undefined }))}
        onSubmit={submit}
        submitLabel={t('measureEditor.save')}
      >
        {unchanged && (
          <p className="form-alert" role="status">
            {t('measureEditor.unchanged')}
          </p>
        )}
        {write.problem && (
          <div className="form-alert" role="alert">
            <WriteProblemMessage problem={write.problem} signInNext={`/measures/${measure.code}/edit`} />
          </div>
        )}
      </MeasureForm>
      <ConflictDialog
        open={conflict !== null}
        description={t('measureEditor.conflict')}
        rows={rows}
        current={conflict ? { version: conflict.current.version, updatedAt: conflict.current.updatedAt } : null}
        reapplyLabel={t('measureEditor.reapply')}
        discardLabel={t('measureEditor.discard')}
        onReapply={() => {
          if (!conflict) return;
          write.clearConflict();
          write.send(conflict.pending, conflict.etag);
        }}
        onDiscard={() => {
          write.clearConflict();
          void navigate(`/measures/${measure.code}`, { state: flashState('measureEditor.discarded') });
        }}
        onClose={write.clearConflict}
      />
      <WithdrawalPanel editable={initial} />
    </EditPageFrame>
  );
}
