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

/**
 * Renders its children for a signed-in user with the right (common/roles.ts); anyone else signed in
 * sees the page's title and a refusal, and nothing is fetched. The server refuses them too.
 */
export function RequireRight({
  right,
  title,
  refusal,
  children,
}: {
  right: (user: SessionUser) => boolean;
  title: string;
  refusal: string;
  children: ReactNode;
}) {
  return (
    <RequireSession>
      {(user) =>
        right(user) ? (
          children
        ) : (
          <section className="narrow-page">
            <h1>{title}</h1>
            <p className="form-alert" role="alert">
              {refusal}
            </p>
          </section>
        )
      }
    </RequireSession>
  );
}
