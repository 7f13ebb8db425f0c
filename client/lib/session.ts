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

/** Where a user holding a one-time password is sent until they have chosen their own (decision 025). */
export const PASSWORD_PAGE = '/account/password';

/**
 * The signed-in user (null when anonymous), whether that is known yet, and whether they must change
 * a one-time password before anything else (the server refuses everything else until then).
 */
export function useSession(): { user: SessionUser | null; isPending: boolean; mustChangePassword: boolean } {
  const { data, isPending } = useQuery(sessionQuery);
  const user = data?.user ?? null;
  return { user, isPending, mustChangePassword: user !== null && data?.mustChangePassword === true };
}

/** After a sign-in, a sign-out or a password change: the new state is known at once, everything else is fetched again. */
export async function sessionChanged(
  queryClient: QueryClient,
  user: SessionUser | null,
  mustChangePassword = false,
): Promise<void> {
  queryClient.setQueryData(sessionKeys.me, { user, mustChangePassword });
  await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
}

export interface SignedIn {
  user: SessionUser;
  mustChangePassword: boolean;
}

export interface Credentials {
  email: string;
  password: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: Credentials): Promise<SignedIn> => {
      const res = await api.auth.login.$post({ json: credentials });
      if (!res.ok) throw await readApiError(res);
      const { user, mustChangePassword } = await res.json();
      if (!user) throw new Error('The server accepted the sign-in but named no user');
      return { user, mustChangePassword: mustChangePassword === true };
    },
    onSuccess: (signedIn) => sessionChanged(queryClient, signedIn.user, signedIn.mustChangePassword),
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
  if (next.startsWith('/login') || next.startsWith(PASSWORD_PAGE)) return null;
  return next;
}

/** The password page, going on to `next` once the password is changed. */
export function passwordPath(next: string | null): string {
  return next && next !== '/' ? `${PASSWORD_PAGE}?next=${encodeURIComponent(next)}` : PASSWORD_PAGE;
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
