import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeasureListItem } from '../../../../server/schemas/responses';
import { HealthBadge, ProgressBar, StatusBadge } from '../../../components/badges';
import { EmptyState, ErrorState, Skeleton } from '../../../components/query-state';
import { RequireSession } from '../../../components/require-session';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { useLanguage, useMeta, useNamer } from '../../../lib/meta';
import { canEditMeasure } from '../../../../common/roles';
import type { SessionUser } from '../../../lib/session';
import { myMinistryQuery } from '../api/my-ministry-queries';
import { daysBetween, jstDateOf, jstDateOfInstant } from '../../../../common/calendar';

/** A report due within this many days counts as "due". */
const DUE_SOON_DAYS = 7;
const DEFAULT_CYCLE_DAYS = 30;

/** The ministry lead's page (issue 4): their measures with what is due, overdue or stale. */
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

  if (query.isPending) {
    return (
      <>
        <h1>{t('my.title')}</h1>
        <Skeleton height={360} />
      </>
    );
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const items = query.data.items;
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
      <ul className="grid grid-kpi kpi-tiles" aria-label={t('dashboard.kpiLabel')}>
        <li className="kpi">
          <span className="kpi-label">{t('my.kpiLead')}</span>
          <span className="kpi-value" data-testid="my-lead-count">
            {n(led.length)}
          </span>
        </li>
        <li className="kpi">
          <span className="kpi-label">{t('my.kpiDueSoon', { days: DUE_SOON_DAYS })}</span>
          <span className="kpi-value" data-testid="my-due-soon">
            {n(dueSoon)}
          </span>
        </li>
        <li className={stale > 0 ? 'kpi kpi-alert' : 'kpi'}>
          <span className="kpi-label">{t('my.kpiReportOverdue')}</span>
          <span className="kpi-value" data-testid="my-stale">
            {n(stale)}
          </span>
        </li>
        <li className={overdueMilestones > 0 ? 'kpi kpi-alert' : 'kpi'}>
          <span className="kpi-label">{t('my.kpiMilestonesOverdue')}</span>
          <span className="kpi-value" data-testid="my-overdue-milestones">
            {n(overdueMilestones)}
          </span>
        </li>
      </ul>

      <section className="my-section" aria-labelledby="my-lead-heading">
        <h2 id="my-lead-heading">{t('my.leadHeading')}</h2>
        <p className="muted">{t('my.dueNote', { days: cycle })}</p>
        {led.length === 0 ? (
          <EmptyState />
        ) : (
          <MinistryTable items={led} today={today} editable caption={t('my.leadHeading')} testId="my-lead-table" />
        )}
      </section>

      {coOwned.length > 0 && (
        <section className="my-section" aria-labelledby="my-co-heading">
          <h2 id="my-co-heading">{t('my.coHeading')}</h2>
          <p className="muted">{t('my.coHelp')}</p>
          <MinistryTable items={coOwned} today={today} editable={false} caption={t('my.coHeading')} testId="my-co-table" />
        </section>
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
    <div className="table-scroll">
      <table className="my-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('my.columns.measure')}</th>
            <th scope="col">{t('my.columns.status')}</th>
            <th scope="col">{t('my.columns.health')}</th>
            <th scope="col">{t('my.columns.progress')}</th>
            <th scope="col">{t('my.columns.milestones')}</th>
            <th scope="col">{t('my.columns.lastReport')}</th>
            <th scope="col">{t('my.columns.nextDue')}</th>
            {editable && <th scope="col">{t('my.columns.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((m) => {
            const due = dueOf(m, today);
            return (
              <tr key={m.code} data-code={m.code} className={m.stale ? 'row-stale' : undefined}>
                <td className="measure-title">
                  <Link to={`/measures/${m.code}`}>
                    <span className="nowrap">{m.code}</span> {language === 'en' ? m.titleEn : m.titleJa}
                  </Link>
                  {!editable && (
                    <div className="muted small">
                      {t('detail.lead')}: {name('ministries', m.leadMinistry)}
                    </div>
                  )}
                </td>
                <td>
                  <StatusBadge status={m.status} />
                </td>
                <td>
                  <HealthBadge health={m.health} />
                </td>
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
                  <td className="actions-cell">
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
        </tbody>
      </table>
    </div>
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
