'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';
import { useIssueMessage } from '@/components/auth/use-issue-message';
import { useAddUserMutation, type NewUserInput } from '@/lib/settings/hooks';
import { roleOptions } from '@/lib/settings/roles';
import { useSettingsErrorMessage } from './use-settings-error-message';

type FieldName = keyof NewUserInput;
const blank: NewUserInput = { email: '', name: '', role: 'support', password: '' };

/**
 * Adds a user. The server checks everything (the browser's own checks are off, so every
 * refusal reads the same, in the page's language) and names each field it refused.
 */
export function AddUserForm() {
  const t = useTranslations('settings.users');
  const tRole = useTranslations('auth.roles');
  const errorMessage = useSettingsErrorMessage();
  const issueMessage = useIssueMessage();
  const add = useAddUserMutation();
  const [input, setInput] = useState<NewUserInput>(blank);
  const id = useId();
  const issue = (field: FieldName) => add.error?.field(field);
  const invalid = (field: FieldName) => issue(field) !== undefined;
  const set = (field: FieldName, value: string) => setInput((i) => ({ ...i, [field]: value }));
  const inputClass = (field: FieldName) =>
    `w-full rounded-lg border px-2.5 py-1.5 text-sm font-normal text-slate-900 focus:ring-1 focus:outline-none ${
      invalid(field)
        ? 'border-red-400 focus:border-red-500 focus:ring-red-500'
        : 'border-slate-200 focus:border-indigo-500 focus:ring-indigo-500'
    }`;
  const field = (name: FieldName, control: ReactNode, hint?: string) => (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={`${id}-${name}`} className="text-sm font-medium text-slate-700">
        {t(`add.${name}`)}
      </label>
      {control}
      {invalid(name) ? (
        <p
          id={`${id}-${name}-error`}
          data-testid={`add-user-${name}-error`}
          className="text-xs text-red-700"
        >
          {issueMessage(issue(name)!)}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
  const common = (name: FieldName) => ({
    id: `${id}-${name}`,
    name,
    'data-testid': `add-user-${name}`,
    'aria-invalid': invalid(name) || undefined,
    'aria-describedby': invalid(name) ? `${id}-${name}-error` : undefined,
    className: inputClass(name),
  });
  return (
    <form
      noValidate
      data-testid="add-user-form"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(input, { onSuccess: () => setInput(blank) });
      }}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-slate-50/60 p-3 sm:p-4"
    >
      <h3 className="text-sm font-semibold text-slate-900">{t('add.title')}</h3>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {field(
          'email',
          <input
            {...common('email')}
            type="email"
            autoComplete="off"
            value={input.email}
            onChange={(e) => set('email', e.target.value)}
          />,
        )}
        {field(
          'name',
          <input
            {...common('name')}
            type="text"
            autoComplete="off"
            value={input.name}
            onChange={(e) => set('name', e.target.value)}
          />,
        )}
        {field(
          'role',
          <select
            {...common('role')}
            value={input.role}
            onChange={(e) => set('role', e.target.value)}
          >
            {roleOptions.map((role) => (
              <option key={role} value={role}>
                {tRole(role)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'password',
          <input
            {...common('password')}
            type="password"
            autoComplete="new-password"
            value={input.password}
            onChange={(e) => set('password', e.target.value)}
          />,
          t('add.passwordHint'),
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          data-testid="add-user-submit"
          disabled={add.isPending}
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:opacity-50"
        >
          {add.isPending ? t('add.adding') : t('add.submit')}
        </button>
        <div aria-live="polite" className="text-sm">
          {add.isError ? (
            <p role="alert" data-testid="add-user-error" className="text-red-700">
              {errorMessage(add.error)}
            </p>
          ) : add.isSuccess ? (
            <p data-testid="add-user-added" className="text-emerald-700">
              {t('add.added', { email: add.data.email })}
            </p>
          ) : null}
        </div>
      </div>
    </form>
  );
}
