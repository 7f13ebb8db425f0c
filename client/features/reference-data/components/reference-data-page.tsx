import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageReferenceData } from '../../../../common/roles';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { RequireRight } from '../../../components/require-session';
import { WriteProblemMessage } from '../../../components/write-problem';
import { ApiRequestError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { useLanguage, useMeta } from '../../../lib/meta';
import { writeFailureOf } from '../../../lib/use-measure-write';
import type { WriteProblem } from '../../../lib/use-measure-write';
import { referenceListQuery, useUpdateReference } from '../api/reference-data-queries';
import type { ReferenceKind, ReferenceRow } from '../api/reference-data-queries';
import { ReferenceForm } from './reference-form';

// 「期限・会議の管理」 at /admin/deadlines (docs/product.md §5, docs/decisions/026): the deadlines and
// the meetings with their dates, names in both languages, state and uses; adding one, renaming or
// moving it, retiring and restoring it after a confirmation. Administrators only; the server
// refuses everyone else too. Nothing is deleted and a code never changes.

export function ReferenceDataPage() {
  const { t } = useTranslation();
  return (
    <RequireRight right={canManageReferenceData} title={t('referenceData.title')} refusal={t('referenceData.forbidden')}>
      <ReferenceData />
    </RequireRight>
  );
}

function ReferenceData() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="reference-data-page">
      <h1>{t('referenceData.title')}</h1>
      <p>{t('referenceData.intro')}</p>
      {notice && (
        <p className="flash-notice" role="status" data-testid="reference-notice">
          {notice}
        </p>
      )}
      <ReferenceSection kind="deadlines" onDone={setNotice} />
      <ReferenceSection kind="meetings" onDone={setNotice} />
    </div>
  );
}

type Pending = { row: ReferenceRow; retire: boolean } | null;

/** A refused retirement said plainly; the last deadline in force (409) in the page's own words. */
function retireProblem(error: Error, lastDeadline: string): WriteProblem {
  if (error instanceof ApiRequestError && error.code === 'last_deadline_in_force')
    return { kind: 'failed', message: lastDeadline };
  const failure = writeFailureOf(error);
  return failure.kind === 'issues' ? { kind: 'failed', message: error.message } : failure;
}

function ReferenceSection({ kind, onDone }: { kind: ReferenceKind; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const query = useQuery(referenceListQuery(kind));
  const { data: meta } = useMeta();
  const update = useUpdateReference(kind);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Pending>(null);
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const editingRow = query.data?.items.find((r) => r.code === editing) ?? null;
  const defaultCode = kind === 'deadlines' ? (meta?.defaultDeadline ?? null) : null;

  const onConfirm = () => {
    if (!confirm) return;
    const { row, retire } = confirm;
    setProblem(null);
    update.mutate(
      { code: row.code, change: { retired: retire } },
      {
        onSuccess: () => onDone(t(retire ? 'referenceData.retiredDone' : 'referenceData.restoredDone', { code: row.code })),
        onError: (error) => setProblem(retireProblem(error, t('referenceData.lastDeadline'))),
        onSettled: () => setConfirm(null),
      },
    );
  };

  const headingId = `${kind}-heading`;
  return (
    <section className="reference-section" aria-labelledby={headingId} data-testid={`${kind}-section`}>
      <h2 id={headingId}>{t(`referenceData.${kind}.heading`)}</h2>
      {problem && (
        <div className="form-alert" role="alert" data-testid={`${kind}-problem`}>
          {problem.kind === 'failed' ? (
            <p>{problem.message}</p>
          ) : (
            <WriteProblemMessage problem={problem} signInNext="/admin/deadlines" />
          )}
        </div>
      )}
      <QueryView query={query} data={query.data} skeletonHeight={160}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState message={t(`referenceData.${kind}.empty`)} />
          ) : (
            <ReferenceTable
              kind={kind}
              items={data.items}
              defaultCode={defaultCode}
              editing={editing}
              onEdit={(code) => setEditing(code === editing ? null : code)}
              onRetire={(row, retire) => setConfirm({ row, retire })}
            />
          )
        }
      </QueryView>
      {editingRow && (
        <ReferenceForm
          key={`${editingRow.code}-${editingRow.nameJa}-${editingRow.nameEn}-${editingRow.date}`}
          kind={kind}
          editing={editingRow}
          onDone={(message) => {
            setEditing(null);
            onDone(message);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ReferenceForm kind={kind} onDone={onDone} />
      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm?.retire
            ? t('referenceData.confirmRetireTitle', { code: confirm.row.code })
            : t('referenceData.confirmRestoreTitle', { code: confirm?.row.code ?? '' })
        }
        confirmLabel={confirm?.retire ? t('referenceData.retire') : t('referenceData.restore')}
        cancelLabel={t('referenceData.form.cancel')}
        busy={update.isPending}
        onConfirm={onConfirm}
        onCancel={() => setConfirm(null)}
      >
        <p>{confirm?.retire ? t(`referenceData.${kind}.retireBody`) : t(`referenceData.${kind}.restoreBody`)}</p>
      </ConfirmDialog>
    </section>
  );
}

function ReferenceTable({
  kind,
  items,
  defaultCode,
  editing,
  onEdit,
  onRetire,
}: {
  kind: ReferenceKind;
  items: ReferenceRow[];
  defaultCode: string | null;
  editing: string | null;
  onEdit: (code: string) => void;
  onRetire: (row: ReferenceRow, retire: boolean) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns = [
    { key: 'code', label: t('referenceData.columns.code') },
    { key: 'nameJa', label: t('referenceData.columns.nameJa') },
    { key: 'nameEn', label: t('referenceData.columns.nameEn') },
    { key: 'date', label: t('referenceData.columns.date') },
    { key: 'state', label: t('referenceData.columns.state') },
    { key: 'usedBy', label: t('referenceData.columns.usedBy') },
    { key: 'actions', label: t('referenceData.columns.actions') },
  ];
  return (
    <DataTable
      caption={t(`referenceData.${kind}.caption`)}
      captionHidden
      columns={columns}
      size="small"
      className="reference-table"
    >
      {items.map((row) => (
        <tr key={row.code} data-testid={`${kind}-row-${row.code}`} className={row.retired ? 'muted' : undefined}>
          <th scope="row">
            <code>{row.code}</code>
          </th>
          <td lang="ja">{row.nameJa}</td>
          <td lang="en">{row.nameEn}</td>
          <td>{formatDate(row.date, language)}</td>
          <td>
            {row.retired ? t('referenceData.retired') : t('referenceData.inForce')}
            {row.code === defaultCode && (
              <>
                {' '}
                <span className="badge">{t('referenceData.isDefault')}</span>
              </>
            )}
          </td>
          <td>
            {row.usedBy.editions + row.usedBy.rounds === 0
              ? t('referenceData.unused')
              : t('referenceData.usedBy', { editions: row.usedBy.editions, rounds: row.usedBy.rounds })}
          </td>
          <td>
            <button
              type="button"
              className="secondary"
              aria-expanded={editing === row.code}
              aria-label={t('referenceData.editLabel', { code: row.code })}
              onClick={() => onEdit(row.code)}
            >
              {t('referenceData.edit')}
            </button>{' '}
            {row.retired ? (
              <button
                type="button"
                className="secondary"
                aria-label={t('referenceData.restoreLabel', { code: row.code })}
                onClick={() => onRetire(row, false)}
              >
                {t('referenceData.restore')}
              </button>
            ) : (
              <button
                type="button"
                className="danger"
                aria-label={t('referenceData.retireLabel', { code: row.code })}
                onClick={() => onRetire(row, true)}
              >
                {t('referenceData.retire')}
              </button>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
