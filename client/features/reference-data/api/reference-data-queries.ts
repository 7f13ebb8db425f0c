import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateReferenceBody, ReferenceItem, UpdateReferenceBody } from '../../../../server/schemas/reference-data';
import { api, readApiError, unwrap } from '../../../lib/api-client';
import { metaKeys } from '../../../lib/meta';

// Deadlines and meetings administered in the browser (docs/decisions/026): the two lists and the writes
// that change them. Every write refetches its list and GET /meta, which every other page (the
// dashboard's deadline select, the freeze dialog's meetings) names them by.

export type ReferenceKind = 'deadlines' | 'meetings';
export type ReferenceRow = ReferenceItem;

export const referenceKeys = { list: (kind: ReferenceKind) => ['reference-data', kind] as const };

export function referenceListQuery(kind: ReferenceKind) {
  return queryOptions({
    queryKey: referenceKeys.list(kind),
    queryFn: () => unwrap(kind === 'deadlines' ? api.deadlines.$get({ query: {} }) : api.meetings.$get({ query: {} })),
    staleTime: 0,
  });
}

function useRefresh(kind: ReferenceKind) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: referenceKeys.list(kind) }),
      queryClient.invalidateQueries({ queryKey: metaKeys.all }),
    ]);
}

export function useCreateReference(kind: ReferenceKind) {
  const refresh = useRefresh(kind);
  return useMutation({
    mutationFn: async (body: CreateReferenceBody): Promise<ReferenceRow> => {
      const res =
        kind === 'deadlines'
          ? await api.deadlines.$post({ query: {}, json: body })
          : await api.meetings.$post({ query: {}, json: body });
      if (!res.ok) throw await readApiError(res);
      return res.json();
    },
    onSuccess: refresh,
  });
}

export function useUpdateReference(kind: ReferenceKind) {
  const refresh = useRefresh(kind);
  return useMutation({
    mutationFn: async ({ code, change }: { code: string; change: UpdateReferenceBody }): Promise<ReferenceRow> => {
      const args = { param: { code }, query: {}, json: change };
      const res = kind === 'deadlines' ? await api.deadlines[':code'].$patch(args) : await api.meetings[':code'].$patch(args);
      if (!res.ok) throw await readApiError(res);
      return res.json();
    },
    onSuccess: refresh,
  });
}
