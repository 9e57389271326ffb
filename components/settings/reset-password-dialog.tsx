'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { useIssueMessage } from '@/components/auth/use-issue-message';
import { useResetPasswordMutation } from '@/lib/settings/hooks';
import type { UserSetting } from '@/lib/settings/types';
import { useSettingsErrorMessage } from './use-settings-error-message';

/**
 * An admin resets another user's password: a generated one, shown here once, or one they
 * type. The user's sessions end at once (the server says so; this only shows it).
 */
export function ResetPasswordDialog({ user, onClose }: { user: UserSetting; onClose: () => void }) {
  const t = useTranslations('settings.users.reset');
  const errorMessage = useSettingsErrorMessage();
  const issueMessage = useIssueMessage();
  const reset = useResetPasswordMutation();
  const [mode, setMode] = useState<'generate' | 'type'>('generate');
  const [password, setPassword] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const issue = reset.error?.field('password');
  const done = reset.isSuccess;
  return (
    <dialog
      ref={dialog}
      data-testid="reset-password-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          if (done) return;
          e.preventDefault();
          reset.mutate({ id: user.id, ...(mode === 'type' ? { password } : {}) });
        }}
        className="flex flex-col gap-4 p-5"
      >
        <div>
          <h3 id={`${id}-title`} className="text-base font-semibold">
            {t('title', { name: user.name })}
          </h3>
          <p className="mt-1 text-sm text-slate-500">{t('description', { name: user.name })}</p>
        </div>
        {done ? (
          reset.data.generatedPassword ? (
            <div className="flex flex-col gap-2">
              <p className="text-sm text-slate-700">{t('generated', { name: user.name })}</p>
              <output
                data-testid="reset-password-generated"
                className="rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm break-all select-all"
              >
                {reset.data.generatedPassword}
              </output>
            </div>
          ) : (
            <p data-testid="reset-password-done" className="text-sm text-emerald-700">
              {t('typed', { name: user.name })}
            </p>
          )
        ) : (
          <fieldset className="flex flex-col gap-2 text-sm">
            {(['generate', 'type'] as const).map((option) => (
              <label key={option} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="mode"
                  value={option}
                  data-testid={`reset-password-${option}`}
                  checked={mode === option}
                  onChange={() => setMode(option)}
                  className="accent-indigo-600"
                />
                {t(option)}
              </label>
            ))}
            {mode === 'type' && (
              <div className="mt-1 flex flex-col gap-1 pl-6">
                <label htmlFor={`${id}-password`} className="font-medium text-slate-700">
                  {t('password')}
                </label>
                <input
                  id={`${id}-password`}
                  type="password"
                  autoComplete="new-password"
                  data-testid="reset-password-input"
                  value={password}
                  aria-invalid={issue ? true : undefined}
                  aria-describedby={issue ? `${id}-password-error` : undefined}
                  onChange={(e) => setPassword(e.target.value)}
                  className={`rounded-lg border px-2.5 py-1.5 focus:ring-1 focus:outline-none ${
                    issue
                      ? 'border-red-400 focus:border-red-500 focus:ring-red-500'
                      : 'border-slate-200 focus:border-indigo-500 focus:ring-indigo-500'
                  }`}
                />
                {issue && (
                  <p id={`${id}-password-error`} className="text-xs text-red-700">
                    {issueMessage(issue)}
                  </p>
                )}
              </div>
            )}
          </fieldset>
        )}
        {reset.isError && (
          <p role="alert" data-testid="reset-password-error" className="text-sm text-red-700">
            {errorMessage(reset.error)}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          {done ? (
            <button
              type="submit"
              data-testid="reset-password-close"
              className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
            >
              {t('done')}
            </button>
          ) : (
            <>
              <button
                type="button"
                onClick={() => dialog.current?.close()}
                className="rounded-lg border border-slate-200 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
              >
                {t('cancel')}
              </button>
              <button
                type="submit"
                data-testid="reset-password-submit"
                disabled={reset.isPending}
                className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
              >
                {reset.isPending ? t('submitting') : t('submit')}
              </button>
            </>
          )}
        </div>
      </form>
    </dialog>
  );
}
