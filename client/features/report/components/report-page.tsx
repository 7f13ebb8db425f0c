import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../../app/not-found-page';
import { EditRefusal } from '../../../components/edit-refusal';
import { ErrorState, Skeleton } from '../../../components/query-state';
import { RequireSession } from '../../../components/require-session';
import { ApiRequestError } from '../../../lib/api-client';
import { editableMeasureQuery } from '../../../lib/measure-writes';
import { useMeta } from '../../../lib/meta';
import { canEditMeasure } from '../../../../common/roles';
import type { SessionUser } from '../../../lib/session';
import { jstDateOf } from '../../../../common/calendar';
import { ReportForm } from './report-form';

/** The ministry lead's report form (docs/product.md §5) at /measures/:code/report. */
export function ReportPage() {
  const { code = '' } = useParams();
  return <RequireSession>{(user) => <ReportLoader code={code} user={user} />}</RequireSession>;
}

function ReportLoader({ code, user }: { code: string; user: SessionUser }) {
  const { t } = useTranslation();
  const query = useQuery(editableMeasureQuery(code));
  const meta = useMeta();
  if (query.isPending || meta.isPending) return <Skeleton height={480} />;
  if (query.isError) {
    if (query.error instanceof ApiRequestError && (query.error.status === 404 || query.error.status === 400)) {
      return <NotFoundPage message={t('detail.notFound', { code })} />;
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const { measure } = query.data;
  if (!canEditMeasure(user, measure.leadMinistry)) return <EditRefusal measure={measure} user={user} />;
  // Keyed by the measure: another measure's form starts afresh.
  return (
    <ReportForm
      key={measure.code}
      initial={query.data}
      kpis={measure.kpis}
      latestReport={measure.reports[0] ?? null}
      today={meta.data?.today ?? jstDateOf(new Date())}
    />
  );
}
