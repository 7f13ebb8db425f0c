import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { SessionUserDto } from '../../server/schemas/auth';
import { api, readApiError, unwrap } from './api-client';

// Who is signed in (docs/product.md §5). The session itself is an httpOnly cookie the server sets; the client
// only asks /auth/me. Signing in or out changes what every other answer may contain (a lead sees a
// report button, an admin the audit trail), so both drop every cached query.

export type SessionUser = SessionUserDto;
export type Role = SessionUser['role'];

export const sessionKeys = { me: ['session', 'me'] as const };

export const sessionQuery = queryOptions({
  queryKey: sessionKeys.me,
  queryFn: () => unwrap(api.auth.me.$get()),
  staleTime: 60_000,
});

/** The signed-in user (null when anonymous), and whether that is known yet. */
export function useSession(): { user: SessionUser | null; isPending: boolean } {
  const { data, isPending } = useQuery(sessionQuery);
  return { user: data?.user ?? null, isPending };
}

/** After a sign-in or sign-out: the new user is known at once, everything else is fetched again. */
async function sessionChanged(queryClient: QueryClient, user: SessionUser | null): Promise<void> {
  queryClient.setQueryData(sessionKeys.me, { user });
  await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
}

export interface Credentials {
  email: string;
  password: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: Credentials) => {
      const res = await api.auth.login.$post({ json: credentials });
      if (!res.ok) throw await readApiError(res);
      const { user } = await res.json();
      if (!user) throw new Error('The server accepted the sign-in but named no user');
      return user;
    },
    onSuccess: (user) => sessionChanged(queryClient, user),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const res = await api.auth.logout.$post();
      if (!res.ok) throw await readApiError(res);
    },
    // Whatever the server said, this browser no longer acts as that user.
    onSettled: () => sessionChanged(queryClient, null),
  });
}

/** A `?next=` target that stays on this site: a path, never `//host` or `https://…`. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/login')) return null;
  return next;
}

/** The sign-in page, coming back to `next` afterwards. */
export function signInPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

/** Where a user lands after signing in when no `?next=` was given. */
export function homeOf(user: SessionUser): string {
  if (user.role === 'ministry_lead') return '/my';
  return '/';
}
