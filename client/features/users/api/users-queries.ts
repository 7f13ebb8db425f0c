import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, CreateUserResponse, UpdateUserBody, UserListItem } from '../../../../server/schemas/users';
import { api, readApiError, unwrap } from '../../../lib/api-client';

// The admin's user management (docs/product.md §5, decision 025): the list, and the writes that
// change it. Every write refetches the list: it is small, and the server's counts are the truth.

export type UserRow = UserListItem;

export const usersKeys = { all: ['users'] as const };

export const usersQuery = queryOptions({
  queryKey: usersKeys.all,
  queryFn: () => unwrap(api.users.$get({ query: {} })),
  staleTime: 0,
});

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateUserBody): Promise<CreateUserResponse> => {
      const res = await api.users.$post({ query: {}, json: body });
      if (!res.ok) throw await readApiError(res);
      return res.json();
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, change }: { id: number; change: UpdateUserBody }): Promise<UserRow> => {
      const res = await api.users[':id'].$patch({ param: { id: String(id) }, query: {}, json: change });
      if (!res.ok) throw await readApiError(res);
      return res.json();
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

export function useRevokeSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number): Promise<{ revoked: number }> => {
      const res = await api.users[':id'].sessions.$delete({ param: { id: String(id) }, query: {} });
      if (!res.ok) throw await readApiError(res);
      return res.json();
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
