// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Layout } from '../../../client/app/layout';
import { en } from '../../../client/lib/locales/en';
import { ja } from '../../../client/lib/locales/ja';
import type { Role } from '../../../common/roles';
import { mockApi, sessionUser } from '../../support/mock-api';
import { renderWithApp } from '../../support/render-client';

// The follow-up round's pages are in the navigation only for the roles with the right to use them
// (common/roles.ts): the secretariat and administrators.

const routes = [{ path: '/', element: <Layout />, children: [{ index: true, element: <h1>page</h1> }] }];
const LINKS = [
  [ja.nav.rounds, '/rounds'],
  [ja.nav.review, '/review'],
  [ja.nav.verification, '/verification'],
  [ja.nav.kpiCategories, '/kpi-categories'],
] as const;

let api: ReturnType<typeof mockApi> | null = null;
afterEach(() => {
  cleanup();
  api?.restore();
  api = null;
});

async function navFor(role: Role | null, language: 'ja' | 'en' = 'ja') {
  api = mockApi([], { user: role ? sessionUser(role) : null });
  renderWithApp(routes, { path: '/', language });
  const nav = screen.getByRole('navigation', { name: language === 'ja' ? ja.nav.label : en.nav.label });
  // The session is known once the user box shows who is signed in (or the sign-in link).
  if (role) await screen.findByTestId('user-box');
  else await screen.findByRole('link', { name: language === 'ja' ? ja.auth.signIn : en.auth.signIn });
  return nav;
}

describe('the follow-up links in the navigation', () => {
  it.each(['secretariat', 'admin'] as const)('shows all four to %s', async (role) => {
    const nav = await navFor(role);
    for (const [name, href] of LINKS) expect(within(nav).getByRole('link', { name })).toHaveAttribute('href', href);
  });

  it.each(['ministry_lead', 'executive', 'analyst', null] as const)('shows none to %s', async (role) => {
    const nav = await navFor(role);
    for (const [name] of LINKS) expect(within(nav).queryByRole('link', { name })).not.toBeInTheDocument();
  });

  it('names them in English too', async () => {
    const nav = await navFor('secretariat', 'en');
    for (const name of [en.nav.rounds, en.nav.review, en.nav.verification, en.nav.kpiCategories]) {
      expect(within(nav).getByRole('link', { name })).toBeInTheDocument();
    }
  });
});
