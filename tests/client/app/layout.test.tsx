// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useTranslation } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Layout } from '../../../client/app/layout';
import { LANGUAGE_STORAGE_KEY } from '../../../client/lib/i18n';
import { renderWithApp, routeFetchTo } from '../../support/render-client';
import { createTestApp } from '../../support/test-app';
import type { TestApp } from '../../support/test-app';

// The page frame: the language toggle is found by the text it shows (WCAG 2.5.3, label in name),
// and switching changes the page's language, the document's lang and the remembered choice.

function Heading() {
  const { t } = useTranslation();
  return <h1>{t('dashboard.title')}</h1>;
}

const routes = [{ path: '/', element: <Layout />, children: [{ index: true, element: <Heading /> }] }];

describe('the layout', () => {
  let t: TestApp;
  let restore: () => void;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    restore = routeFetchTo(t.app);
  });
  afterEach(() => {
    cleanup();
    window.localStorage.clear();
  });
  afterAll(async () => {
    restore();
    await t.drop();
  });

  it('has a language toggle named by its visible text that switches to English and back', async () => {
    const user = userEvent.setup();
    renderWithApp(routes, { path: '/' });
    expect(await screen.findByRole('heading', { level: 1, name: '幹部ダッシュボード' })).toBeInTheDocument();

    const english = screen.getByRole('button', { name: /^English/ });
    expect(english).toHaveTextContent(/^English$/);
    expect(english).toHaveAccessibleName('English（表示言語を英語に切り替える）');
    await user.click(english);
    expect(await screen.findByRole('heading', { level: 1, name: 'Executive dashboard' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    const japanese = screen.getByRole('button', { name: /^日本語/ });
    expect(japanese).toHaveTextContent(/^日本語$/);
    expect(japanese).toHaveAccessibleName('日本語 (Switch the display language to Japanese)');
    await user.click(japanese);
    expect(await screen.findByRole('heading', { level: 1, name: '幹部ダッシュボード' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('ja');
  });
});
