import type { ConflictRow } from '../../../components/conflict-dialog';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/i18n';
import type { MeasureDetail } from '../../../lib/measure-writes';
import type { MilestoneChange } from '../api/milestone-writes';
import type { Translate } from '../../../lib/i18n';
import { titleOf } from '../../../lib/meta';

/**
 * "Your change" (on top of the state it was made against) beside the current version: for a new
 * milestone, the list of milestones; for a reschedule, that milestone's title, dates and state.
 */
export function milestoneConflictRows(
  base: MeasureDetail,
  current: MeasureDetail,
  pending: MilestoneChange,
  language: Language,
  t: Translate,
): ConflictRow[] {
  const title = (m: { titleJa: string; titleEn: string }) => titleOf(m, language);
  const version: ConflictRow = {
    key: 'version',
    label: t('conflict.version'),
    mine: t('report.version', { version: base.version }),
    current: t('report.version', { version: current.version }),
    differs: base.version !== current.version,
  };
  const listOf = (m: MeasureDetail) => (
    <ul className="plain-list">
      {m.milestoneList.map((x) => (
        <li key={x.id}>
          {title(x)} — {formatDate(x.dueDate, language)}
          {x.completedDate && ` ✔`}
        </li>
      ))}
    </ul>
  );
  if (pending.kind === 'add') {
    const v = pending.values;
    return [
      version,
      {
        key: 'new',
        label: t('milestones.add'),
        mine: `${titleOf(v, language)} — ${formatDate(v.dueDate, language)} (${t('milestones.weight')} ${v.weight})`,
        current: t('conflict.newMilestone'),
        differs: true,
      },
      {
        key: 'list',
        label: t('conflict.milestoneList'),
        mine: listOf(base),
        current: listOf(current),
        differs: base.milestoneList.length !== current.milestoneList.length,
      },
    ];
  }
  const before = base.milestoneList.find((m) => m.id === pending.milestoneId);
  const now = current.milestoneList.find((m) => m.id === pending.milestoneId);
  if (pending.kind === 'evidence') {
    // follow-up fields: the current version's link, when the server sends it (server/schemas/follow-up.ts).
    const currentUrl = current.milestoneList.find((m) => m.id === pending.milestoneId)?.evidenceUrl ?? null;
    return [
      version,
      {
        key: 'title',
        label: t('milestones.columns.title'),
        mine: before ? title(before) : '—',
        current: now ? title(now) : t('conflict.missing'),
        differs: !now,
      },
      {
        key: 'evidence',
        label: t('followUpViews.evidenceUrl'),
        mine: pending.evidenceUrl ?? '—',
        current: currentUrl ?? '—',
        differs: pending.evidenceUrl !== currentUrl,
      },
    ];
  }
  const state = (m: MeasureDetail['milestoneList'][number] | undefined) =>
    m?.completedDate ? t('milestones.completed', { date: formatDate(m.completedDate, language) }) : t('milestones.pending');
  return [
    version,
    {
      key: 'title',
      label: t('milestones.columns.title'),
      mine: before ? title(before) : '—',
      current: now ? title(now) : t('conflict.missing'),
      differs: !now || (before !== undefined && title(before) !== title(now)),
    },
    {
      key: 'baseline',
      label: t('milestones.columns.baseline'),
      mine: formatDate(before?.baselineDueDate, language),
      current: formatDate(now?.baselineDueDate, language),
    },
    {
      key: 'due',
      label: t('milestones.columns.due'),
      mine: formatDate(pending.dueDate, language),
      current: formatDate(now?.dueDate, language),
      differs: pending.dueDate !== now?.dueDate,
    },
    {
      key: 'state',
      label: t('milestones.columns.state'),
      mine: state(before),
      current: state(now),
      differs: before?.completedDate !== now?.completedDate,
    },
  ];
}
