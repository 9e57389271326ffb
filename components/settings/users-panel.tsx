'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { DataTable } from '@/components/ui/data-table';
import { useChangeUserMutation, useUsersQuery, type UserChangeInput } from '@/lib/settings/hooks';
import { roleOptions } from '@/lib/settings/roles';
import type { UserSetting } from '@/lib/settings/types';
import { AddUserForm } from './add-user-form';
import { ResetPasswordDialog } from './reset-password-dialog';
import { useBrowserTimeZone } from './use-browser-time-zone';
import { useSettingsErrorMessage } from './use-settings-error-message';

/**
 * Users and roles: the list, role changes, disabling / enabling, password resets and adding
 * a user.
 */
export function UsersPanel({
  initialUsers,
  currentUserId,
}: {
  initialUsers: UserSetting[];
  currentUserId: number;
}) {
  const t = useTranslations('settings.users');
  const tRole = useTranslations('auth.roles');
  const format = useFormatter();
  const timeZone = useBrowserTimeZone();
  const router = useRouter();
  const errorMessage = useSettingsErrorMessage();
  const users = useUsersQuery(initialUsers).data;
  const change = useChangeUserMutation();
  const [saved, setSaved] = useState<string | null>(null);
  const [resetting, setResetting] = useState<UserSetting | null>(null);
  const submit = (input: UserChangeInput, name: string) => {
    setSaved(null);
    change.mutate(input, {
      onSuccess: () => {
        setSaved(t('saved', { name }));
        // An admin who gave up their own role sees at once what the new one allows (the
        // server renewed this browser's session at the new role).
        if (input.id === currentUserId) router.refresh();
      },
    });
  };
  const busy = (id: number) => change.isPending && change.variables?.id === id;
  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite" className="empty:hidden">
        {change.isError ? (
          <div
            role="alert"
            data-testid="users-error"
            className="rounded-lg bg-red-50 p-3 text-sm text-red-800"
          >
            {errorMessage(change.error)}
          </div>
        ) : saved ? (
          <p
            data-testid="users-saved"
            className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800"
          >
            {saved}
          </p>
        ) : null}
      </div>
      <DataTable
        caption={t('caption')}
        rowKey={(u) => String(u.id)}
        rows={users}
        columns={[
          {
            key: 'user',
            header: t('user'),
            cell: (u) => (
              <span className="flex min-w-36 flex-col whitespace-normal">
                <span className="flex flex-wrap items-center gap-1.5 font-medium">
                  {u.name}
                  {u.id === currentUserId && (
                    <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">
                      {t('you')}
                    </span>
                  )}
                  <span
                    data-testid="user-status"
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${
                      u.disabled
                        ? 'bg-slate-100 text-slate-600 ring-slate-200'
                        : 'bg-emerald-50 text-emerald-700 ring-emerald-200'
                    }`}
                  >
                    {u.disabled ? t('disabled') : t('active')}
                  </span>
                </span>
                <span data-testid="user-email" className="text-xs break-all text-slate-500">
                  {u.email}
                </span>
              </span>
            ),
          },
          {
            key: 'role',
            header: t('role'),
            align: 'left',
            cell: (u) => {
              const self = u.id === currentUserId && !u.disabled;
              return (
                <span className="flex flex-col items-start gap-1.5 sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-3">
                  <select
                    aria-label={t('roleOf', { name: u.name })}
                    data-testid="user-role-select"
                    value={u.role}
                    disabled={busy(u.id)}
                    onChange={(e) => submit({ id: u.id, role: e.target.value }, u.name)}
                    className="rounded-md border border-slate-200 bg-white py-1 pr-7 pl-2 text-sm text-slate-800 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none disabled:opacity-50"
                  >
                    {roleOptions.map((role) => (
                      <option key={role} value={role}>
                        {tRole(role)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    data-testid="user-toggle-disabled"
                    disabled={busy(u.id) || self}
                    title={self ? t('cannotDisableSelf') : undefined}
                    onClick={() => submit({ id: u.id, disabled: !u.disabled }, u.name)}
                    className={`rounded-lg border px-2.5 py-1 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-40 ${
                      u.disabled
                        ? 'border-indigo-200 text-indigo-700 hover:bg-indigo-50'
                        : 'border-slate-200 text-slate-700 hover:bg-slate-100'
                    }`}
                  >
                    {u.disabled ? t('enable') : t('disable')}
                  </button>
                  <button
                    type="button"
                    data-testid="user-reset-password"
                    disabled={u.id === currentUserId}
                    title={u.id === currentUserId ? t('cannotResetSelf') : undefined}
                    onClick={() => setResetting(u)}
                    className="rounded-lg border border-slate-200 px-2.5 py-1 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40"
                  >
                    {t('resetPassword')}
                  </button>
                </span>
              );
            },
          },
          {
            key: 'created',
            header: t('created'),
            cell: (u) => format.dateTime(new Date(u.createdAt), { dateStyle: 'medium', timeZone }),
          },
        ]}
      />
      <AddUserForm />
      {resetting && (
        <ResetPasswordDialog
          key={resetting.id}
          user={resetting}
          onClose={() => setResetting(null)}
        />
      )}
    </div>
  );
}
