'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import {
  useRevokeWebhookSourceMutation,
  useRotateWebhookSecretMutation,
} from '@/lib/webhooks/hooks';
import {
  defaultOverlapHours,
  overlapChoices,
  type WebhookSecretIssued,
  type WebhookSourceSetting,
} from '@/lib/webhooks/types';
import { useWebhookErrorMessage } from './use-webhook-error-message';

function ConfirmDialog({
  testId,
  title,
  description,
  error,
  pending,
  submit,
  submitting,
  danger = false,
  onSubmit,
  onClose,
  children,
}: {
  testId: string;
  title: string;
  description: string;
  error: string | null;
  pending: boolean;
  submit: string;
  submitting: string;
  danger?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  const t = useTranslations('settings.webhooks');
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      data-testid={testId}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
      onClose={onClose}
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        className="flex flex-col gap-4 p-5"
      >
        <div>
          <h3 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h3>
          <p id={`${id}-description`} className="mt-1 text-sm text-slate-500">
            {description}
          </p>
        </div>
        {children}
        {error && (
          <p role="alert" data-testid={`${testId}-error`} className="text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-lg border border-slate-200 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
          >
            {t('cancel')}
          </button>
          <button
            type="submit"
            data-testid={`${testId}-submit`}
            disabled={pending}
            className={`rounded-lg px-4 py-2 text-sm font-medium text-white disabled:opacity-50 ${
              danger ? 'bg-red-600 hover:bg-red-700' : 'bg-indigo-600 hover:bg-indigo-700'
            }`}
          >
            {pending ? submitting : submit}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** A new secret for the source; the admin picks how long the current one keeps signing. */
export function RotateWebhookDialog({
  source,
  onRotated,
  onClose,
}: {
  source: WebhookSourceSetting;
  onRotated: (issued: WebhookSecretIssued) => void;
  onClose: () => void;
}) {
  const t = useTranslations('settings.webhooks.rotateDialog');
  const errorMessage = useWebhookErrorMessage();
  const rotate = useRotateWebhookSecretMutation();
  const [overlapHours, setOverlapHours] = useState<number>(defaultOverlapHours);
  const id = useId();
  return (
    <ConfirmDialog
      testId="webhook-rotate-dialog"
      title={t('title', { name: source.name })}
      description={t('description')}
      error={rotate.isError ? errorMessage(rotate.error) : null}
      pending={rotate.isPending}
      submit={t('submit')}
      submitting={t('submitting')}
      onSubmit={() => rotate.mutate({ id: source.id, overlapHours }, { onSuccess: onRotated })}
      onClose={onClose}
    >
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${id}-overlap`} className="font-medium text-slate-700">
          {t('overlap')}
        </label>
        <select
          id={`${id}-overlap`}
          data-testid="webhook-rotate-overlap"
          value={overlapHours}
          onChange={(e) => setOverlapHours(Number(e.target.value))}
          className="rounded-lg border border-slate-200 bg-white py-1.5 pr-8 pl-2.5 text-sm text-slate-800 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
        >
          {overlapChoices.map((hours) => (
            <option key={hours} value={hours}>
              {t(`overlaps.h${hours}`)}
            </option>
          ))}
        </select>
      </div>
    </ConfirmDialog>
  );
}

/** Revokes the source after asking: its deliveries are refused from then on. */
export function RevokeWebhookDialog({
  source,
  onRevoked,
  onClose,
}: {
  source: WebhookSourceSetting;
  onRevoked: () => void;
  onClose: () => void;
}) {
  const t = useTranslations('settings.webhooks.revokeDialog');
  const errorMessage = useWebhookErrorMessage();
  const revoke = useRevokeWebhookSourceMutation();
  return (
    <ConfirmDialog
      testId="webhook-revoke-dialog"
      title={t('title', { name: source.name })}
      description={t('description')}
      error={revoke.isError ? errorMessage(revoke.error) : null}
      pending={revoke.isPending}
      submit={t('submit')}
      submitting={t('submitting')}
      danger
      onSubmit={() => revoke.mutate({ id: source.id }, { onSuccess: onRevoked })}
      onClose={onClose}
    />
  );
}
