import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageUsers } from '../../../../common/roles';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/query-state';
import { QueryView } from '../../../components/query-view';
import { RequireRight } from '../../../components/require-session';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useLanguage, useNamer } from '../../../lib/meta';
import { useSession } from '../../../lib/session';
import { usersQuery } from '../api/users-queries';
import type { UserRow } from '../api/users-queries';
import { CreateUserForm } from './create-user-form';
import { ManageUserPanel } from './manage-user-panel';

// 「ユーザー管理」 at /admin/users (docs/product.md §5, decision 025): every user with role, ministry,
// last sign-in, live sessions and state; creating a user (the one-time password is shown once);
// changing a user's role and ministry, disabling and re-enabling them, signing them out everywhere.
// Administrators only; the server refuses everyone else too.

export function UsersPage() {
  const { t } = useTranslation();
  return (
    <RequireRight right={canManageUsers} title={t('users.title')} refusal={t('users.forbidden')}>
      <UserManagement />
    </RequireRight>
  );
}

function UserManagement() {
  const { t } = useTranslation();
  const query = useQuery(usersQuery);
  const { user: me } = useSession();
  const [selected, setSelected] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const selectedUser = query.data?.items.find((u) => u.id === selected) ?? null;

  return (
    <div className="users-page">
      <h1>{t('users.title')}</h1>
      <p>{t('users.intro')}</p>
      {notice && (
        <p className="flash-notice" role="status" data-testid="users-notice">
          {notice}
        </p>
      )}
      <QueryView query={query} data={query.data} skeletonHeight={240}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState message={t('users.empty')} />
          ) : (
            <UserTable items={data.items} selected={selected} onSelect={(id) => setSelected(id === selected ? null : id)} />
          )
        }
      </QueryView>
      {selectedUser && (
        <ManageUserPanel
          key={selectedUser.id}
          user={selectedUser}
          isSelf={me?.id === selectedUser.id}
          onDone={(message) => setNotice(message)}
          onClose={() => setSelected(null)}
        />
      )}
      <CreateUserForm />
    </div>
  );
}

function UserTable({ items, selected, onSelect }: { items: UserRow[]; selected: number | null; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useNamer();
  const columns = [
    { key: 'email', label: t('users.columns.email') },
    { key: 'name', label: t('users.columns.name') },
    { key: 'role', label: t('users.columns.role') },
    { key: 'ministry', label: t('users.columns.ministry') },
    { key: 'lastSignIn', label: t('users.columns.lastSignIn') },
    { key: 'sessions', label: t('users.columns.sessions'), numeric: true },
    { key: 'state', label: t('users.columns.state') },
    { key: 'actions', label: t('users.columns.actions') },
  ];
  return (
    <DataTable caption={t('users.caption')} captionHidden columns={columns} size="small" className="users-table">
      {items.map((u) => (
        <tr key={u.id} data-testid={`user-row-${u.email}`} className={u.disabled ? 'muted' : undefined}>
          <th scope="row">{u.email}</th>
          <td>{u.displayName}</td>
          <td>{t(`roles.${u.role}`)}</td>
          <td>{u.ministry ? name('ministries', u.ministry) : t('users.noMinistry')}</td>
          <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt, language) : t('users.never')}</td>
          <td className="num">{formatNumber(u.activeSessions, language)}</td>
          <td>
            {u.disabled ? t('users.disabled') : t('users.active')}
            {u.mustChangePassword && (
              <>
                <br />
                <span className="muted">{t('users.mustChange')}</span>
              </>
            )}
          </td>
          <td>
            <button
              type="button"
              className="secondary"
              aria-expanded={selected === u.id}
              aria-label={t('users.manage', { email: u.email })}
              onClick={() => onSelect(u.id)}
            >
              {t('users.manageShort')}
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
