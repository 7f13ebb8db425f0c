import { useTranslation } from 'react-i18next';
import type { ImportResponse } from '../../../../server/schemas/imports';
import { DataTable } from '../../../components/data-table';
import type { DataTableColumn } from '../../../components/data-table';
import { formatDate } from '../../../lib/format';
import { useLanguage, useNamer } from '../../../lib/meta';

// What a dry run would write, and what stops it: one table each for the changes, the errors (per
// row and column of the file) and the conflicts (rows answered against an older state).

function FromTo({ from, to }: { from: string; to: string }) {
  return from === to ? <>{to}</> : <>{`${from} → ${to}`}</>;
}

interface Problem {
  row: number;
  /** The column (an error) or the measure (a conflict). */
  where: string;
  message: string;
}

function ProblemTable({
  caption,
  columns,
  problems,
  testId,
}: {
  caption: string;
  columns: DataTableColumn[];
  problems: Problem[];
  testId: string;
}) {
  if (problems.length === 0) return null;
  return (
    <DataTable caption={caption} columns={columns} testId={testId}>
      {problems.map((p, i) => (
        <tr key={`${p.row}-${p.where}-${i}`}>
          <td className="num">{p.row}</td>
          <td className="nowrap">{p.where}</td>
          <td>{p.message}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function DryRunTables({ dryRun }: { dryRun: ImportResponse }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const columnLabel = (column: string | null) => (column ? t(`surveyImport.columns.${column}`, { defaultValue: column }) : '—');
  const heading = (keys: readonly string[]) => keys.map((key) => ({ key, label: t(`surveyImport.headings.${key}`) }));
  return (
    <>
      <ProblemTable
        caption={t('surveyImport.errorsCaption')}
        columns={heading(['row', 'column', 'message'])}
        testId="survey-errors"
        problems={dryRun.errors.map((e) => ({ row: e.row, where: columnLabel(e.column), message: e.message }))}
      />
      <ProblemTable
        caption={t('surveyImport.conflictsCaption')}
        columns={heading(['row', 'code', 'message'])}
        testId="survey-conflicts"
        problems={dryRun.conflicts.map((c) => ({ row: c.row, where: c.code, message: c.message }))}
      />
      {dryRun.changes.length > 0 && (
        <DataTable
          caption={t('surveyImport.changesCaption')}
          columns={heading(['row', 'measure', 'status', 'health', 'note', 'milestones'])}
          testId="survey-changes"
        >
          {dryRun.changes.map((c) => (
            <tr key={c.code} data-code={c.code}>
              <td className="num">{c.row}</td>
              <td className="measure-title">
                <span className="nowrap">{c.code}</span> {c.title}
              </td>
              <td className="nowrap">
                <FromTo from={name('statuses', c.status.from)} to={name('statuses', c.status.to)} />
              </td>
              <td className="nowrap">
                <FromTo
                  from={c.health.from === null ? '—' : name('healths', c.health.from)}
                  to={c.health.to === null ? '—' : name('healths', c.health.to)}
                />
              </td>
              <td>
                {c.note}
                {c.evidenceUrl && <div className="muted small">{c.evidenceUrl}</div>}
              </td>
              <td>
                {c.milestonesCompleted.length === 0
                  ? '—'
                  : c.milestonesCompleted.map((m) => (
                      <div key={m.milestoneId}>
                        {m.title} ({formatDate(m.completedDate, language)})
                      </div>
                    ))}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
