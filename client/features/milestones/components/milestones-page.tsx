import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../../app/not-found-page';
import { EditRefusal } from '../../../components/edit-refusal';
import { ErrorState, Skeleton } from '../../../components/query-state';
import { RequireSession } from '../../../components/require-session';
import { ApiRequestError } from '../../../lib/api-client';
import { editableMeasureQuery } from '../../../lib/measure-writes';
import { canEditMeasure } from '../../../../common/roles';
import type { SessionUser } from '../../../lib/session';
import { MilestoneEditor } from './milestone-editor';

/** The milestone editor (docs/product.md §5) at /measures/:code/milestones: add one, reschedule one. */
export function MilestonesPage() {
  const { code = '' } = useParams();
  return <RequireSession>{(user) => <MilestonesLoader code={code} user={user} />}</RequireSession>;
}

function MilestonesLoader({ code, user }: { code: string; user: SessionUser }) {
  const { t } = useTranslation();
  const query = useQuery(editableMeasureQuery(code));
  if (query.isPending) return <Skeleton height={480} />;
  if (query.isError) {
    if (query.error instanceof ApiRequestError && (query.error.status === 404 || query.error.status === 400)) {
      return <NotFoundPage message={t('detail.notFound', { code })} />;
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!canEditMeasure(user, query.data.measure.leadMinistry)) return <EditRefusal measure={query.data.measure} user={user} />;
  return <MilestoneEditor key={query.data.measure.code} initial={query.data} />;
}
