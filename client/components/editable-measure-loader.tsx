import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NotFoundPage } from '../app/not-found-page';
import { ApiRequestError } from '../lib/api-client';
import { editableMeasureQuery } from '../lib/measure-writes';
import type { EditableMeasure } from '../lib/measure-writes';
import type { SessionUser } from '../lib/session';
import { canEditMeasure } from '../../common/roles';
import { EditRefusal } from './edit-refusal';
import { ErrorState, Skeleton } from './query-state';

/**
 * The measure a write form edits (report, milestones, the measure's own fields): loaded afresh with
 * its ETag, a not-found page for an unknown code, and the refusal for a user who may not edit it
 * (the server refuses them too). Renders `children` only for a measure this user may change.
 */
export function EditableMeasureLoader({
  code,
  user,
  children,
}: {
  code: string;
  user: SessionUser;
  children: (editable: EditableMeasure) => ReactNode;
}) {
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
  return <>{children(query.data)}</>;
}
