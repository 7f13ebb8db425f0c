import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChangeItem, ChangesResponse } from '../../../../server/schemas/meeting-pack';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { formatNumber } from '../../../lib/format';
import type { Language } from '../../../lib/i18n';
import { titleOf, useLanguage, useMeta } from '../../../lib/meta';
import { changeDate, changeGroups, changeValue } from '../report-data';
import { CHANGES_PER_KIND } from '../api/report-queries';

type Query = Record<string, string | readonly string[]>;

function changesHref(request: Query | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request ?? {})) params.set(key, typeof value === 'string' ? value : value.join(','));
  const search = params.toString();
  return search ? `/changes?${search}` : '/changes';
}

function detailOf(item: ChangeItem, language: Language, days: (count: number) => string): string {
  const parts: string[] = [];
  if (item.milestone) parts.push(titleOf(item.milestone, language));
  if (item.kpi) parts.push(language === 'en' ? item.kpi.nameEn : item.kpi.nameJa);
  if (item.slipDays !== null) parts.push(days(item.slipDays));
  return parts.join(' · ');
}

/** What changed since the last meeting (GET /changes): the counts by kind, then the items of each kind. */
export function ReportChanges({ query, request }: { query: UseQueryResult<ChangesResponse>; request: Query | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meta } = useMeta();
  const end = (e: ChangesResponse['from']) => {
    const label = e.edition ?? meta?.meetings.find((m) => m.code === e.meeting)?.[language === 'en' ? 'nameEn' : 'nameJa'];
    const date = changeDate(e.date, language);
    return label ? t('meetingReport.changesEnd', { date, label }) : date;
  };
  const days = (count: number) => t('meetingReport.slipDays', { count });

  return (
    <section className="report-section report-new-page" aria-labelledby="report-changes" data-testid="report-changes">
      <h2 id="report-changes">{t('meetingReport.changes')}</h2>
      <QueryView query={query} data={query.data} skeletonHeight={200}>
        {(changes) => {
          const counts = Object.entries(changes.counts);
          const groups = changeGroups(changes.items, changes.page.kinds);
          return (
            <>
              <p data-testid="report-changes-period">
                {t('meetingReport.changesPeriod', { from: end(changes.from), to: end(changes.to) })}
              </p>
              <DataTable
                caption={t('meetingReport.changesCounts')}
                columns={[
                  { key: 'kind', label: t('meetingReport.changesKind') },
                  { key: 'count', label: t('meetingReport.count'), numeric: true },
                ]}
                size="small"
                scroll={false}
                testId="report-changes-counts"
              >
                {counts.map(([kind, count]) => (
                  <tr key={kind} data-kind={kind}>
                    <th scope="row">{t(`meetingReport.kinds.${kind}`)}</th>
                    <td className="num">{formatNumber(count, language)}</td>
                  </tr>
                ))}
              </DataTable>
              {groups.length === 0 && <EmptyState message={t('meetingReport.changesNone')} />}
              {groups.map((group) => (
                <div className="report-change-group" key={group.kind} data-kind={group.kind}>
                  <DataTable
                    caption={t('meetingReport.changesItems', {
                      kind: t(`meetingReport.kinds.${group.kind}`),
                      count: formatNumber(changes.counts[group.kind], language),
                    })}
                    columns={[
                      { key: 'date', label: t('meetingReport.date') },
                      { key: 'measure', label: t('meetingReport.measure') },
                      { key: 'before', label: t('meetingReport.before') },
                      { key: 'after', label: t('meetingReport.after') },
                      { key: 'detail', label: t('meetingReport.detail') },
                    ]}
                    size="small"
                    scroll={false}
                  >
                    {group.items.slice(0, CHANGES_PER_KIND).map((item, i) => (
                      <tr key={`${item.measure.code}-${item.milestone?.id ?? item.kpi?.id ?? ''}-${i}`}>
                        <td className="num">{changeDate(item.date, language)}</td>
                        <th scope="row">
                          <Link to={`/measures/${encodeURIComponent(item.measure.code)}`}>
                            {item.measure.code} {titleOf(item.measure, language)}
                          </Link>
                        </th>
                        <td>{changeValue(item.before, meta, language)}</td>
                        <td>{changeValue(item.after, meta, language)}</td>
                        <td>{detailOf(item, language, days)}</td>
                      </tr>
                    ))}
                  </DataTable>
                  {changes.omitted[group.kind] > 0 && (
                    <p className="muted">
                      {t('meetingReport.changesMore', { count: formatNumber(changes.omitted[group.kind], language) })}
                    </p>
                  )}
                </div>
              ))}
              <p className="no-print">
                <Link to={changesHref(request)}>{t('meetingReport.changesOpen')}</Link>
              </p>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
