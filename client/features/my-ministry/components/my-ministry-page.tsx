import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeasureListItem } from '../../../../server/schemas/responses';
import { ProgressBar, StatusHealthCells } from '../../../components/badges';
import { DataTable } from '../../../components/data-table';
import { KpiList, KpiTile } from '../../../components/kpi-tile';
import { Panel } from '../../../components/panel';
import { EmptyState, Skeleton } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { RequireSession } from '../../../components/require-session';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { titleOf, useLanguage, useMeta, useNamer } from '../../../lib/meta';
import { canEditMeasure } from '../../../../common/roles';
import type { SessionUser } from '../../../lib/session';
import { myMinistryQuery } from '../api/my-ministry-queries';
import { OpenRound, ReturnedReports } from './follow-up-panels';
import { daysBetween, jstDateOf, jstDateOfInstant } from '../../../../common/calendar';

/** A report due within this many days counts as "due". */
const DUE_SOON_DAYS = 7;
const DEFAULT_CYCLE_DAYS = 30;

/** The ministry lead's page (docs/product.md §5): their measures with what is due, overdue or stale. */
export function MyMinistryPage() {
  return <RequireSession>{(user) => <MyMinistry user={user} />}</RequireSession>;
}

interface DueInfo {
  /** JST date the next report is due; null when never reported (due now) or not needed (completed). */
  date: string | null;
  /** Days from today to that date (negative: overdue); null when no report is needed. */
  days: number | null;
}

function dueOf(m: MeasureListItem, today: string): DueInfo {
  if (m.status === 'completed') return { date: null, days: null };
  if (!m.lastReportedAt) return { date: null, days: 0 };
  // The server's due time honours each measure's own reporting cycle.
  const date = jstDateOfInstant(m.reportDueAt);
  return { date, days: daysBetween(today, date) };
}

function MyMinistry({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const name = useNamer();
  if (user.role !== 'ministry_lead' || !user.ministry) {
    return (
      <section className="narrow-page">
        <h1>{t('my.title')}</h1>
        <p>{t('my.notLead')}</p>
        <p className="muted">{t('my.notLeadHelp', { role: t(`roles.${user.role}`) })}</p>
        <p>
          <Link to="/measures">{t('nav.measures')}</Link>
        </p>
      </section>
    );
  }
  return <MinistryMeasures user={user} ministry={user.ministry} ministryName={name('ministries', user.ministry)} />;
}

function MinistryMeasures({ user, ministry, ministryName }: { user: SessionUser; ministry: string; ministryName: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const query = useQuery(myMinistryQuery(ministry, language));
  const today = meta?.today ?? jstDateOf(new Date());
  const cycle = meta?.reportingCycleDays ?? DEFAULT_CYCLE_DAYS;

  return (
    <QueryView
      query={query}
      data={query.data}
      pending={
        <>
          <h1>{t('my.title')}</h1>
          <Skeleton height={360} />
        </>
      }
    >
      {(data) => (
        <MinistryOverview
          user={user}
          ministry={ministry}
          ministryName={ministryName}
          items={data.items}
          today={today}
          cycle={cycle}
        />
      )}
    </QueryView>
  );
}

function MinistryOverview({
  user,
  ministry,
  ministryName,
  items,
  today,
  cycle,
}: {
  user: SessionUser;
  ministry: string;
  ministryName: string;
  items: MeasureListItem[];
  today: string;
  cycle: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const led = items.filter((m) => canEditMeasure(user, m.leadMinistry));
  const coOwned = items.filter((m) => !canEditMeasure(user, m.leadMinistry));
  const dueSoon = led.filter((m) => {
    const due = dueOf(m, today);
    return !m.stale && due.days !== null && due.days <= DUE_SOON_DAYS;
  }).length;
  const stale = led.filter((m) => m.stale).length;
  const overdueMilestones = led.reduce((n, m) => n + m.milestones.overdue, 0);
  const n = (value: number) => formatNumber(value, language);

  return (
    <div className="my-ministry">
      <h1>
        {t('my.title')} <span className="muted">— {ministryName}</span>
      </h1>
      <p>{t('my.intro', { ministry: ministryName })}</p>
      {/* The follow-up round first (docs/product.md §4): what was sent back, then what is still missing. */}
      <ReturnedReports ministry={ministry} />
      <OpenRound ministry={ministry} />
      <p>
        <Link className="button-link" to="/my/survey" data-testid="my-survey-import">
          {t('surveyImport.link')}
        </Link>{' '}
        <Link className="button-link" to="/measures/new" data-testid="my-new-measure">
          {t('measureEditor.newLink')}
        </Link>
      </p>
      <KpiList label={t('dashboard.kpiLabel')}>
        <KpiTile label={t('my.kpiLead')} testId="my-lead-count">
          {n(led.length)}
        </KpiTile>
        <KpiTile label={t('my.kpiDueSoon', { days: DUE_SOON_DAYS })} testId="my-due-soon">
          {n(dueSoon)}
        </KpiTile>
        <KpiTile label={t('my.kpiReportOverdue')} alert={stale > 0} testId="my-stale">
          {n(stale)}
        </KpiTile>
        <KpiTile label={t('my.kpiMilestonesOverdue')} alert={overdueMilestones > 0} testId="my-overdue-milestones">
          {n(overdueMilestones)}
        </KpiTile>
      </KpiList>

      <Panel title={t('my.leadHeading')} description={t('my.dueNote', { days: cycle })} variant="plain">
        {led.length === 0 ? (
          <EmptyState />
        ) : (
          <MinistryTable items={led} today={today} editable caption={t('my.leadHeading')} testId="my-lead-table" />
        )}
      </Panel>

      {coOwned.length > 0 && (
        <Panel title={t('my.coHeading')} description={t('my.coHelp')} variant="plain">
          <MinistryTable items={coOwned} today={today} editable={false} caption={t('my.coHeading')} testId="my-co-table" />
        </Panel>
      )}
    </div>
  );
}

function MinistryTable({
  items,
  today,
  editable,
  caption,
  testId,
}: {
  items: MeasureListItem[];
  today: string;
  editable: boolean;
  caption: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  return (
    <DataTable
      caption={caption}
      captionHidden
      columns={[
        ...['measure', 'status', 'health', 'progress', 'milestones', 'lastReport', 'nextDue'],
        ...(editable ? ['action'] : []),
      ].map((key) => ({ key, label: t(`my.columns.${key}`) }))}
      nowrapHeader
      testId={testId}
    >
      {items.map((m) => {
        const due = dueOf(m, today);
        return (
          <tr key={m.code} data-code={m.code} className={m.stale ? 'row-stale' : undefined}>
            <td className="measure-title">
              <Link to={`/measures/${m.code}`}>
                <span className="nowrap">{m.code}</span> {titleOf(m, language)}
              </Link>
              {!editable && (
                <div className="muted small">
                  {t('detail.lead')}: {name('ministries', m.leadMinistry)}
                </div>
              )}
            </td>
            <StatusHealthCells status={m.status} health={m.health} />
            <td className="nowrap">
              <ProgressBar value={m.progress} />
            </td>
            <td className="nowrap">
              {t('my.milestonesDone', { done: m.milestones.done, total: m.milestones.total })}
              {m.milestones.overdue > 0 && (
                <div className="overdue-count">{t('my.overdueMilestones', { count: m.milestones.overdue })}</div>
              )}
            </td>
            <td className="nowrap">
              {m.lastReportedAt ? (
                <time dateTime={m.lastReportedAt} title={formatDateTime(m.lastReportedAt, language)}>
                  {formatDate(jstDateOfInstant(m.lastReportedAt), language)}
                </time>
              ) : (
                <span className="muted">{t('my.neverReported')}</span>
              )}
            </td>
            <td className="nowrap" data-testid="next-due">
              <DueCell due={due} stale={m.stale} neverReported={!m.lastReportedAt} />
            </td>
            {editable && (
              <td className="nowrap">
                <div className="row-actions">
                  <Link
                    className="button-link"
                    to={`/measures/${m.code}/report`}
                    aria-label={t('my.reportLabel', { code: m.code })}
                  >
                    {t('my.report')}
                  </Link>
                  <Link
                    className="nowrap"
                    to={`/measures/${m.code}/milestones`}
                    aria-label={t('my.editMilestonesLabel', { code: m.code })}
                  >
                    {t('my.editMilestones')}
                  </Link>
                </div>
              </td>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}

function DueCell({ due, stale, neverReported }: { due: DueInfo; stale: boolean; neverReported: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (due.days === null) return <span className="muted">—</span>;
  const label = neverReported
    ? t('my.neverReported')
    : due.days < 0
      ? t('my.dueOverdue', { count: -due.days })
      : due.days === 0
        ? t('my.dueToday')
        : t('my.dueIn', { count: due.days });
  const urgent = stale || due.days <= 0;
  const soon = !urgent && due.days <= DUE_SOON_DAYS;
  return (
    <>
      {due.date && <div>{formatDate(due.date, language)}</div>}
      <span className={urgent ? 'due-flag due-overdue' : soon ? 'due-flag due-soon' : 'muted'}>
        {urgent && <span aria-hidden="true">✖ </span>}
        {soon && <span aria-hidden="true">▲ </span>}
        {label}
        {stale && ` (${t('my.stale')})`}
      </span>
    </>
  );
}
