// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataTable } from '../../../client/components/data-table';
import type { DataTableSort } from '../../../client/components/data-table';

// The shared table: caption as its name, one header row, sortable headings as buttons with aria-sort.

const columns = [
  { key: 'code', label: 'コード', sortable: true },
  { key: 'title', label: '施策名', sortable: true },
  { key: 'fields', label: '分野' },
  { key: 'progress', label: '進捗', sortable: true, numeric: true },
];

function renderTable(sort?: DataTableSort) {
  return render(
    <DataTable caption="施策一覧" captionHidden columns={columns} sort={sort}>
      <tr>
        <td>METI-0001</td>
        <td>量子</td>
        <td>量子</td>
        <td className="num">40%</td>
      </tr>
    </DataTable>,
  );
}

describe('DataTable', () => {
  afterEach(cleanup);

  it('is named by its caption, scrolls sideways in its box and heads every column', () => {
    const { container } = renderTable();
    const table = screen.getByRole('table', { name: '施策一覧' });
    expect(table.parentElement).toHaveClass('table-scroll');
    expect(table).toHaveClass('data-table');
    expect(container.querySelector('caption')).toHaveClass('visually-hidden');
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['コード', '施策名', '分野', '進捗']);
    expect(screen.getByRole('columnheader', { name: '進捗' })).toHaveClass('num');
    // Without a sort, no heading is a button.
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('makes sortable headings buttons, marks the active one and asks for the next order', async () => {
    const user = userEvent.setup();
    const onSort = vi.fn();
    const { rerender } = renderTable({ key: 'code', descending: false, onSort });
    const code = screen.getByRole('columnheader', { name: /コード/ });
    expect(code).toHaveAttribute('aria-sort', 'ascending');
    expect(within(code).getByRole('button')).toHaveTextContent('コード ▲');
    expect(screen.getByRole('columnheader', { name: '施策名' })).not.toHaveAttribute('aria-sort');
    expect(within(screen.getByRole('columnheader', { name: '分野' })).queryByRole('button')).toBeNull();

    await user.click(within(code).getByRole('button'));
    expect(onSort).toHaveBeenLastCalledWith('code', true);
    await user.click(screen.getByRole('button', { name: '施策名' }));
    expect(onSort).toHaveBeenLastCalledWith('title', false);

    rerender(
      <DataTable caption="施策一覧" columns={columns} sort={{ key: 'code', descending: true, onSort }}>
        <tr />
      </DataTable>,
    );
    expect(screen.getByRole('columnheader', { name: /コード/ })).toHaveAttribute('aria-sort', 'descending');
    await user.click(screen.getByRole('button', { name: 'コード ▼' }));
    expect(onSort).toHaveBeenLastCalledWith('code', false);
  });
});
