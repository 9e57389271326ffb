'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useChangePasswordMutation } from '@/lib/auth/hooks';
import type { FieldIssue } from '@/lib/api/errors';
import { useIssueMessage } from './use-issue-message';

type Field = 'currentPassword' | 'newPassword' | 'repeatPassword';
const blank: Record<Field, string> = { currentPassword: '', newPassword: '', repeatPassword: '' };
const errorCodes = ['invalid', 'wrong_password', 'rate_limited', 'unauthorized'] as const;
type ErrorCode = (typeof errorCodes)[number];
const isErrorCode = (code: string): code is ErrorCode =>
  (errorCodes as readonly string[]).includes(code);

/**
 * Your own password: the current one, and the new one twice. The server checks the rules
 * and names each field it refused; the browser only checks that the two new ones match.
 */
export function PasswordChangeForm({ email }: { email: string }) {
  const t = useTranslations('auth.accountPage.password');
  const issueMessage = useIssueMessage();
  const change = useChangePasswordMutation();
  const [input, setInput] = useState(blank);
  const [mismatch, setMismatch] = useState(false);
  const id = useId();
  const issueOf = (field: Field): FieldIssue | undefined =>
    field === 'repeatPassword'
      ? mismatch
        ? { path: field, code: 'mismatch', message: '' }
        : undefined
      : change.error?.field(field);
  const errorText = change.error
    ? isErrorCode(change.error.code)
      ? t(`errors.${change.error.code}`)
      : t('errors.failed', { message: change.error.message })
    : null;

  const field = (name: Field, label: string, autoComplete: string, hint?: string) => {
    const issue = issueOf(name);
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-${name}`} className="text-sm font-medium text-slate-700">
          {label}
        </label>
        <input
          id={`${id}-${name}`}
          name={name}
          type="password"
          autoComplete={autoComplete}
          data-testid={`password-${name}`}
          value={input[name]}
          aria-invalid={issue ? true : undefined}
          aria-describedby={issue ? `${id}-${name}-error` : undefined}
          onChange={(e) => setInput((i) => ({ ...i, [name]: e.target.value }))}
          className={`rounded-lg border px-3 py-2 text-base text-slate-900 shadow-sm focus:ring-2 focus:outline-none sm:text-sm ${
            issue
              ? 'border-red-400 focus:border-red-500 focus:ring-red-200'
              : 'border-slate-300 focus:border-indigo-500 focus:ring-indigo-200'
          }`}
        />
        {issue ? (
          <p
            id={`${id}-${name}-error`}
            data-testid={`password-${name}-error`}
            className="text-xs text-red-700"
          >
            {issueMessage(issue)}
          </p>
        ) : hint ? (
          <p className="text-xs text-slate-500">{hint}</p>
        ) : null}
      </div>
    );
  };

  return (
    <form
      noValidate
      data-testid="password-change-form"
      onSubmit={(e) => {
        e.preventDefault();
        const differ = input.newPassword !== input.repeatPassword;
        setMismatch(differ);
        if (differ) return change.reset();
        const { currentPassword, newPassword } = input;
        change.mutate({ currentPassword, newPassword }, { onSuccess: () => setInput(blank) });
      }}
      className="flex flex-col gap-4"
    >
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      {field('currentPassword', t('current'), 'current-password')}
      <div className="grid gap-4 sm:grid-cols-2">
        {field('newPassword', t('new'), 'new-password', t('hint'))}
        {field('repeatPassword', t('repeat'), 'new-password')}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          data-testid="password-submit"
          disabled={change.isPending}
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {change.isPending ? t('submitting') : t('submit')}
        </button>
        <div aria-live="polite" className="text-sm">
          {errorText ? (
            <p role="alert" data-testid="password-error" className="text-red-700">
              {errorText}
            </p>
          ) : change.isSuccess ? (
            <p data-testid="password-changed" className="text-emerald-700">
              {t('changed')}
            </p>
          ) : null}
        </div>
      </div>
    </form>
  );
}
