import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordBody } from '../../../../server/schemas/auth';
import { api, readApiError } from '../../../lib/api-client';
import { sessionChanged } from '../../../lib/session';
import type { SessionUser } from '../../../lib/session';

/** POST /auth/password; on success the session no longer needs a password change and every answer is fetched again. */
export function useChangePassword(user: SessionUser | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ChangePasswordBody) => {
      const res = await api.auth.password.$post({ json: body });
      if (!res.ok) throw await readApiError(res);
    },
    onSuccess: () => sessionChanged(queryClient, user, false),
  });
}
