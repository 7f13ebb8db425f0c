import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, isBoundToMinistry } from '../../../../common/roles';
import type { Role } from '../../../../common/roles';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { FormField } from '../../../components/form-field';
import { nameOf, useLanguage, useMeta } from '../../../lib/meta';
import { useRevokeSessions, useUpdateUser } from '../api/users-queries';
import type { UserRow } from '../api/users-queries';

// One user's management (decision 025): role and ministry (PATCH /users/:id), disabling and
// re-enabling, signing out everywhere (DELETE /users/:id/sessions); the last two ask first. An
// administrator's own account cannot be disabled or demoted: the controls say so, the server too.

type Pending = 'disable' | 'enable' | 'signOut' | null;

export function ManageUserPanel({
  user,
  isSelf,
  onDone,
  onClose,
}: {
  user: UserRow;
  isSelf: boolean;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const meta = useMeta();
  const update = useUpdateUser();
  const revoke = useRevokeSessions();
  const [role, setRole] = useState<Role>(user.role);
  const [ministry, setMinistry] = useState(user.ministry ?? '');
  const [confirm, setConfirm] = useState<Pending>(null);
  const needsMinistry = isBoundToMinistry(role);
  const ministryMissing = needsMinistry && !ministry;
  const unchanged = role === user.role && (needsMinistry ? ministry : '') === (user.ministry ?? '');
  const failure = update.error ?? revoke.error;

  const onSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (ministryMissing || unchanged) return;
    update.mutate(
      { id: user.id, change: { role, ministry: needsMinistry ? ministry : null } },
      { onSuccess: () => onDone(t('users.edit.saved', { email: user.email })) },
    );
  };
  const onConfirm = () => {
    const close = () => setConfirm(null);
    if (confirm === 'signOut') {
      revoke.mutate(user.id, {
        onSuccess: ({ revoked }) => onDone(t('users.edit.signedOutDone', { email: user.email, count: revoked })),
        onSettled: close,
      });
    } else if (confirm) {
      const disabled = confirm === 'disable';
      update.mutate(
        { id: user.id, change: { disabled } },
        {
          onSuccess: () => onDone(t(disabled ? 'users.edit.disabledDone' : 'users.edit.enabledDone', { email: user.email })),
          onSettled: close,
        },
      );
    }
  };

  return (
    <section className="panel manage-user" aria-labelledby="manage-user-heading" data-testid="manage-user">
      <h2 id="manage-user-heading">{t('users.edit.heading', { email: user.email })}</h2>
      {isSelf && <p className="muted">{t('users.edit.self')}</p>}
      {failure && (
        <div className="form-alert" role="alert">
          {t('users.edit.failed', { message: failure.message })}
        </div>
      )}
      <form className="stacked-form" onSubmit={onSave} noValidate>
        <FormField id="manage-role" label={t('users.edit.role')}>
          {(control) => (
            <select
              {...control}
              value={role}
              disabled={isSelf}
              onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? user.role)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {needsMinistry && (
          <FormField
            id="manage-ministry"
            label={t('users.edit.ministry')}
            error={ministryMissing ? t('users.create.ministryRequired') : undefined}
          >
            {(control) => (
              <select {...control} value={ministry} onChange={(e) => setMinistry(e.target.value)}>
                <option value="">{t('users.create.chooseMinistry')}</option>
                {(meta.data?.ministries ?? []).map((m) => (
                  <option key={m.code} value={m.code}>
                    {nameOf(m, language)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        <div className="form-actions">
          <button type="submit" disabled={update.isPending || unchanged || ministryMissing}>
            {update.isPending ? t('users.edit.saving') : t('users.edit.save')}
          </button>
          {user.disabled ? (
            <button type="button" className="secondary" onClick={() => setConfirm('enable')}>
              {t('users.edit.enable')}
            </button>
          ) : (
            <button type="button" className="danger" disabled={isSelf} onClick={() => setConfirm('disable')}>
              {t('users.edit.disable')}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => setConfirm('signOut')}>
            {t('users.edit.signOut')}
          </button>
          <button type="button" className="link-button" onClick={onClose}>
            {t('users.edit.close')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm === 'signOut'
            ? t('users.edit.confirmSignOutTitle', { email: user.email })
            : confirm === 'enable'
              ? t('users.edit.confirmEnableTitle', { email: user.email })
              : t('users.edit.confirmDisableTitle', { email: user.email })
        }
        confirmLabel={
          confirm === 'signOut'
            ? t('users.edit.signOut')
            : confirm === 'enable'
              ? t('users.edit.enable')
              : t('users.edit.disable')
        }
        cancelLabel={t('users.edit.cancel')}
        busy={update.isPending || revoke.isPending}
        onConfirm={onConfirm}
        onCancel={() => setConfirm(null)}
      >
        <p>
          {confirm === 'signOut'
            ? t('users.edit.confirmSignOutBody', { count: user.activeSessions })
            : confirm === 'enable'
              ? t('users.edit.confirmEnableBody')
              : t('users.edit.confirmDisableBody')}
        </p>
      </ConfirmDialog>
    </section>
  );
}
