import { HealthBadge, StatusBadge } from '../../../components/badges';
import type { ConflictRow } from '../../../components/conflict-dialog';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { Language } from '../../../lib/i18n';
import type { MeasureDetail } from '../../../lib/measure-writes';
import type { ReportValues } from '../report-validation';
import { titleOf } from '../../../lib/meta';
import type { Translate } from '../../../lib/i18n';

/**
 * "Your version" (the report being sent, on top of the state it was written against) beside the
 * current version: status, health, last report, note, milestones completed, version.
 */
export function reportConflictRows({
  base,
  mine,
  current,
  language,
  t,
}: {
  base: MeasureDetail;
  mine: ReportValues;
  current: MeasureDetail;
  language: Language;
  t: Translate;
}): ConflictRow[] {
  const title = (m: { titleJa: string; titleEn: string }) => titleOf(m, language);
  const baseReport = base.reports[0];
  const currentReport = current.reports[0];
  const reportLine = (r: MeasureDetail['reports'][number] | undefined) =>
    r ? `${formatDateTime(r.reportedAt, language)} (${r.reporter})` : t('conflict.notYet');
  const mineMilestones = base.milestoneList
    .filter((m) => mine.completions[m.id]?.checked)
    .map((m) => `${title(m)} (${formatDate(mine.completions[m.id]?.date, language)})`);
  // Milestones completed since the form was opened, by someone else.
  const baseOpen = new Set(base.milestoneList.filter((m) => m.completedDate === null).map((m) => m.id));
  const currentMilestones = current.milestoneList
    .filter((m) => m.completedDate !== null && baseOpen.has(m.id))
    .map((m) => `${title(m)} (${formatDate(m.completedDate, language)})`);
  const list = (items: string[]) =>
    items.length === 0 ? (
      <span className="muted">{t('common.none')}</span>
    ) : (
      <ul className="plain-list">
        {items.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
    );
  return [
    {
      key: 'version',
      label: t('conflict.version'),
      mine: t('report.version', { version: base.version }),
      current: t('report.version', { version: current.version }),
      differs: base.version !== current.version,
    },
    {
      key: 'status',
      label: t('report.status'),
      mine: <StatusBadge status={mine.status} />,
      current: <StatusBadge status={current.status} />,
      differs: mine.status !== current.status,
    },
    {
      key: 'health',
      label: t('report.health'),
      mine: mine.health ? <HealthBadge health={mine.health} /> : '—',
      current: <HealthBadge health={current.health} />,
      differs: mine.health !== current.health,
    },
    {
      key: 'lastReport',
      label: t('conflict.lastReport'),
      mine: reportLine(baseReport),
      current: reportLine(currentReport),
      differs: baseReport?.id !== currentReport?.id,
    },
    {
      key: 'note',
      label: t('conflict.note'),
      mine: <span className="conflict-note">{mine.note}</span>,
      current: <span className="conflict-note">{currentReport?.note ?? t('conflict.notYet')}</span>,
      differs: mine.note.trim() !== (currentReport?.note ?? ''),
    },
    {
      key: 'milestones',
      label: t('conflict.milestones'),
      mine: list(mineMilestones),
      current: list(currentMilestones),
      differs: currentMilestones.length > 0,
    },
  ];
}
