import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { flashState } from '../../../components/flash-notice';
import { Panel } from '../../../components/panel';
import { RequireSession } from '../../../components/require-session';
import { formatNumber } from '../../../lib/format';
import { useLanguage } from '../../../lib/meta';
import type { SessionUser } from '../../../lib/session';
import { templateHref, useApplyImport, useUploadSurvey } from '../api/survey-import-queries';
import { DryRunTables } from './dry-run-tables';

/** 「Excelで一括報告」 (docs/product.md §4, §5): download the form, upload it, check the dry run, apply it. */
export function SurveyImportPage() {
  return <RequireSession>{(user) => <SurveyImport user={user} />}</RequireSession>;
}

function SurveyImport({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  if (user.role !== 'ministry_lead' || !user.ministry) {
    return (
      <section className="narrow-page">
        <h1>{t('surveyImport.title')}</h1>
        <p>{t('surveyImport.notLead')}</p>
      </section>
    );
  }
  return <SurveySteps />;
}

function SurveySteps() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadSurvey(language);
  const apply = useApplyImport();
  // The dry run is the upload's answer: a new file or a new upload replaces it (upload.reset()).
  const dryRun = upload.data ?? null;

  function onUpload(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    apply.reset();
    upload.mutate(file);
  }

  function onApply() {
    if (!dryRun) return;
    apply.mutate(dryRun.id, {
      onSuccess: (result) => void navigate('/my', { state: flashState('surveyImport.applied', { count: result.applied }) }),
    });
  }

  function again() {
    setFile(null);
    upload.reset();
    apply.reset();
  }

  const n = (value: number) => formatNumber(value, language);
  return (
    <div className="survey-import">
      <p>
        <Link to="/my">{t('surveyImport.back')}</Link>
      </p>
      <h1>{t('surveyImport.title')}</h1>
      <p>{t('surveyImport.intro')}</p>

      <Panel title={t('surveyImport.step1')} variant="plain">
        <p className="muted">{t('surveyImport.step1Help')}</p>
        <a className="button-link" href={templateHref(language)} download data-testid="survey-template">
          {t('surveyImport.download')}
        </a>
      </Panel>

      <Panel title={t('surveyImport.step2')} variant="plain">
        <form onSubmit={onUpload} className="survey-upload">
          <label htmlFor="survey-file">{t('surveyImport.fileLabel')}</label>{' '}
          <input
            id="survey-file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              upload.reset();
            }}
          />{' '}
          <button type="submit" disabled={!file || upload.isPending} data-testid="survey-upload">
            {upload.isPending ? t('surveyImport.uploading') : t('surveyImport.upload')}
          </button>
        </form>
        {upload.error && (
          <p className="form-alert" role="alert" data-testid="survey-upload-error">
            {upload.error.message}
          </p>
        )}
      </Panel>

      {dryRun && (
        <Panel title={t('surveyImport.step3')} variant="plain" testId="survey-dry-run">
          <p data-testid="survey-summary">
            {t('surveyImport.summary', {
              rows: n(dryRun.rows),
              changes: n(dryRun.changes.length),
              unchanged: n(dryRun.unchanged),
              errors: n(dryRun.errors.length),
              conflicts: n(dryRun.conflicts.length),
            })}
          </p>
          <DryRunTables dryRun={dryRun} />
          {!dryRun.canApply && (
            <p className="form-alert" role="status">
              {dryRun.changes.length === 0 && dryRun.errors.length === 0 && dryRun.conflicts.length === 0
                ? t('surveyImport.nothing')
                : t('surveyImport.fixAndRetry')}
            </p>
          )}
          {apply.error && (
            <p className="form-alert" role="alert" data-testid="survey-apply-error">
              {apply.error.message}
            </p>
          )}
          <div className="row-actions" style={{ marginTop: '1rem' }}>
            <button type="button" onClick={onApply} disabled={!dryRun.canApply || apply.isPending} data-testid="survey-apply">
              {t('surveyImport.apply', { count: dryRun.changes.length })}
            </button>
            <button type="button" className="link-button" onClick={again}>
              {t('surveyImport.again')}
            </button>
          </div>
        </Panel>
      )}
    </div>
  );
}
