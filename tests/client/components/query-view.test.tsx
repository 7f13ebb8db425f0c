// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '../../../client/components/panel';
import { QueryView } from '../../../client/components/query-view';
import type { QueryStatus } from '../../../client/components/query-view';
import { createI18n } from '../../../client/lib/i18n';

// A query's four states as every section shows them, inside a panel whose heading names it.

const idle: QueryStatus = { isPending: false, isError: false, error: null, refetch: () => undefined };

function renderView(query: QueryStatus, data: string[] | undefined) {
  return render(
    <I18nextProvider i18n={createI18n('ja')}>
      <Panel title="遅れている施策" description="説明">
        <QueryView query={query} data={data} isEmpty={(list) => list.length === 0}>
          {(list) => (
            <ul>
              {list.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </QueryView>
      </Panel>
    </I18nextProvider>,
  );
}

describe('Panel and QueryView', () => {
  afterEach(cleanup);

  it('names the section by its heading and shows a skeleton while loading', () => {
    renderView({ ...idle, isPending: true }, undefined);
    expect(screen.getByRole('region', { name: '遅れている施策' })).toBeInTheDocument();
    expect(screen.getByText('説明')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('読み込み中…');
  });

  it('shows an error with a retry button that refetches', async () => {
    const refetch = vi.fn();
    renderView({ ...idle, isError: true, error: new Error('HTTP 500'), refetch }, undefined);
    expect(screen.getByRole('alert')).toHaveTextContent('データを読み込めませんでした。');
    expect(screen.getByRole('alert')).toHaveTextContent('HTTP 500');
    await userEvent.setup().click(screen.getByRole('button', { name: '再試行' }));
    expect(refetch).toHaveBeenCalledOnce();
  });

  it('shows the empty state when the predicate says there is nothing, and the data otherwise', () => {
    renderView(idle, []);
    expect(screen.getByRole('status')).toHaveTextContent('条件に一致する施策はありません。');
    cleanup();
    renderView(idle, ['METI-0001', 'MEXT-0002']);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['METI-0001', 'MEXT-0002']);
  });

  it('keeps the skeleton while derived data is not ready, and lets a page render its own error', () => {
    render(
      <I18nextProvider i18n={createI18n('ja')}>
        <QueryView query={idle} data={null}>
          {() => <p>data</p>}
        </QueryView>
        <QueryView
          query={{ ...idle, isError: true, error: new Error('404') }}
          data={undefined}
          renderError={() => <p>not found</p>}
        >
          {() => <p>data</p>}
        </QueryView>
      </I18nextProvider>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('読み込み中…');
    expect(screen.getByText('not found')).toBeInTheDocument();
    expect(screen.queryByText('data')).toBeNull();
  });
});
