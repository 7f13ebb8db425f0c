import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/form-field';
import type { MilestoneDto } from '../../../../server/schemas/responses';
import { titleOf, useLanguage } from '../../../lib/meta';
import { MAX_URL_LENGTH } from '../../../../common/limits';
import { evidenceUrlError } from '../milestone-validation';

// A milestone's evidence link (docs/product.md §4): what the secretariat checks a completion against
// before verifying it. Empty removes the link.

export function useEvidenceEdit() {
  const [editing, setEditing] = useState<number | null>(null);
  const [url, setUrl] = useState('');
  const [tried, setTried] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  return {
    editing,
    url,
    tried,
    serverError,
    toggle: (m: MilestoneDto) => {
      if (editing === m.id) return setEditing(null);
      setEditing(m.id);
      setUrl(m.evidenceUrl ?? '');
      setTried(false);
      setServerError(undefined);
    },
    close: () => setEditing(null),
    change: (value: string) => {
      setUrl(value);
      setServerError(undefined);
    },
    markSubmitted: () => {
      setTried(true);
      setServerError(undefined);
    },
    showServerError: setServerError,
  };
}

export type EvidenceEdit = ReturnType<typeof useEvidenceEdit>;

export function EvidenceForm({
  milestone,
  edit,
  isPending,
  onSave,
}: {
  milestone: MilestoneDto;
  edit: EvidenceEdit;
  isPending: boolean;
  onSave: (evidenceUrl: string | null) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const error = edit.serverError ?? (edit.tried ? evidenceUrlError(edit.url, t) : undefined);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    edit.markSubmitted();
    if (evidenceUrlError(edit.url, t)) return;
    onSave(edit.url.trim() || null);
  };
  return (
    <section className="panel ms-evidence" id="ms-evidence" aria-labelledby="ms-evidence-heading">
      <h2 id="ms-evidence-heading">{t('followUpViews.evidenceHeading', { title: titleOf(milestone, language) })}</h2>
      <form className="stacked-form" onSubmit={onSubmit} noValidate>
        <FormField
          id="ms-evidence-url"
          label={t('followUpViews.evidenceUrl')}
          hint={t('followUpViews.evidenceEditHelp')}
          error={error}
        >
          {(control) => (
            <input
              {...control}
              type="url"
              inputMode="url"
              placeholder="https://"
              maxLength={MAX_URL_LENGTH + 100}
              value={edit.url}
              onChange={(e) => edit.change(e.target.value)}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={isPending}>
            {isPending ? t('milestones.saving') : t('milestones.save')}
          </button>
          <button type="button" className="secondary" onClick={edit.close}>
            {t('milestones.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
