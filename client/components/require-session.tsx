import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { signInPath, useSession } from '../lib/session';
import type { SessionUser } from '../lib/session';
import { Skeleton } from './query-state';

/** Renders its children for a signed-in user; sends anyone else to sign in, and back here afterwards. */
export function RequireSession({ children }: { children: (user: SessionUser) => ReactNode }) {
  const { user, isPending } = useSession();
  const location = useLocation();
  if (isPending) return <Skeleton height={240} />;
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={signInPath(next)} replace />;
  }
  return <>{children(user)}</>;
}
