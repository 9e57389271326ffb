'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useIssueMessage } from '@/components/auth/use-issue-message';
import { DataTable } from '@/components/ui/data-table';
import { useAddWebhookSourceMutation, useWebhooksQuery } from '@/lib/webhooks/hooks';
import type { WebhookSettings, WebhookSourceSetting } from '@/lib/webhooks/types';
import { useBrowserTimeZone } from './use-browser-time-zone';
import { useWebhookErrorMessage } from './use-webhook-error-message';
import { RevokeWebhookDialog, RotateWebhookDialog } from './webhook-source-dialogs';
import { WebhookSecretIssued } from './webhook-secret-issued';

type Issued = { kind: 'added' | 'rotated'; name: string; secret: string };

/**
 * The purchase webhook's sources: each with the validity of its secrets, rotating (a new
 * secret shown once, the old one signing for an overlap) and revoking; and adding one.
 */
export function WebhooksPanel({
  initialData,
  endpoint,
}: {
  initialData: WebhookSettings;
  endpoint: string;
}) {
  const t = useTranslations('settings.webhooks');
  const format = useFormatter();
  const timeZone = useBrowserTimeZone();
  const { configured, sources } = useWebhooksQuery(initialData).data;
  const [issued, setIssued] = useState<Issued | null>(null);
  const [rotating, setRotating] = useState<WebhookSourceSetting | null>(null);
  const [revoking, setRevoking] = useState<WebhookSourceSetting | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeZone });
  const button =
    'rounded-lg border px-2.5 py-1 text-sm font-medium whitespace-nowrap disabled:cursor-not-allowed disabled:opacity-40';
  return (
    <div className="flex flex-col gap-4">
      {!configured && (
        <p
          role="note"
          data-testid="webhooks-not-configured"
          className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900"
        >
          {t('notConfigured')}
        </p>
      )}
      <div aria-live="polite" className="empty:hidden">
        {issued ? (
          <WebhookSecretIssued issued={issued} endpoint={endpoint} onDone={() => setIssued(null)} />
        ) : revoked ? (
          <p
            data-testid="webhook-revoked"
            className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800"
          >
            {t('revokedNotice', { name: revoked })}
          </p>
        ) : null}
      </div>
      {sources.length === 0 ? (
        <p data-testid="webhooks-empty" className="text-sm text-slate-500">
          {t('empty')}
        </p>
      ) : (
        <DataTable
          caption={t('caption')}
          rowKey={(s) => String(s.id)}
          rows={sources}
          columns={[
            {
              key: 'source',
              header: t('source'),
              cell: (s) => (
                <span
                  data-testid="webhook-source"
                  className="flex min-w-36 flex-col whitespace-normal"
                >
                  <span className="flex flex-wrap items-center gap-1.5 font-medium">
                    <span data-testid="webhook-source-name">{s.name}</span>
                    <span
                      data-testid="webhook-source-status"
                      className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${
                        s.revokedAt
                          ? 'bg-slate-100 text-slate-600 ring-slate-200'
                          : 'bg-emerald-50 text-emerald-700 ring-emerald-200'
                      }`}
                    >
                      {s.revokedAt ? t('revoked') : t('active')}
                    </span>
                  </span>
                  <span className="text-xs text-slate-500">
                    {s.createdBy
                      ? t('addedBy', { date: day(s.createdAt), name: s.createdBy })
                      : t('addedByCli', { date: day(s.createdAt) })}
                  </span>
                </span>
              ),
            },
            {
              key: 'secrets',
              header: t('secrets'),
              align: 'left',
              cell: (s) => {
                const signing = s.revokedAt ? [] : s.secrets.filter((k) => k.state !== 'ended');
                const ended = s.secrets.length - signing.length;
                return (
                  <ul data-testid="webhook-secrets" className="flex flex-col gap-0.5">
                    {s.revokedAt ? (
                      <li className="text-slate-500">
                        {t('revokedAt', { time: when(s.revokedAt) })}
                      </li>
                    ) : signing.length === 0 ? (
                      <li className="text-slate-500">{t('noSecret')}</li>
                    ) : null}
                    {signing.map((k) => (
                      <li key={k.id} data-testid="webhook-secret-state" data-state={k.state}>
                        {k.state === 'valid' ? (
                          <span className="text-emerald-700">
                            {t('secretValid', { date: day(k.createdAt) })}
                          </span>
                        ) : (
                          <span className="text-amber-800">
                            {t('secretEnding', { time: when(k.validUntil!) })}
                          </span>
                        )}
                      </li>
                    ))}
                    {ended > 0 && (
                      <li className="text-xs text-slate-400">
                        {t('secretsEnded', { count: ended })}
                      </li>
                    )}
                  </ul>
                );
              },
            },
            {
              key: 'actions',
              header: <span className="sr-only">{t('actions')}</span>,
              cell: (s) =>
                s.revokedAt ? null : (
                  <span className="flex justify-end gap-2">
                    <button
                      type="button"
                      data-testid="webhook-rotate"
                      disabled={!configured}
                      onClick={() => setRotating(s)}
                      className={`${button} border-slate-200 text-slate-700 hover:bg-slate-100`}
                    >
                      {t('rotate')}
                    </button>
                    <button
                      type="button"
                      data-testid="webhook-revoke"
                      onClick={() => setRevoking(s)}
                      className={`${button} border-red-200 text-red-700 hover:bg-red-50`}
                    >
                      {t('revoke')}
                    </button>
                  </span>
                ),
            },
          ]}
        />
      )}
      <AddWebhookSourceForm
        disabled={!configured}
        onAdded={(added) => {
          setRevoked(null);
          setIssued(added);
        }}
      />
      {rotating && (
        <RotateWebhookDialog
          key={rotating.id}
          source={rotating}
          onRotated={({ source, secret }) => {
            setRotating(null);
            setRevoked(null);
            setIssued({ kind: 'rotated', name: source.name, secret });
          }}
          onClose={() => setRotating(null)}
        />
      )}
      {revoking && (
        <RevokeWebhookDialog
          key={revoking.id}
          source={revoking}
          onRevoked={() => {
            setRevoking(null);
            setIssued(null);
            setRevoked(revoking.name);
          }}
          onClose={() => setRevoking(null)}
        />
      )}
    </div>
  );
}

function AddWebhookSourceForm({
  disabled,
  onAdded,
}: {
  disabled: boolean;
  onAdded: (issued: Issued) => void;
}) {
  const t = useTranslations('settings.webhooks.add');
  const errorMessage = useWebhookErrorMessage();
  const issueMessage = useIssueMessage();
  const add = useAddWebhookSourceMutation();
  const [name, setName] = useState('');
  const id = useId();
  const issue = add.error?.field('name');
  return (
    <form
      noValidate
      data-testid="webhook-add-form"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(
          { name },
          {
            onSuccess: ({ source, secret }) => {
              setName('');
              onAdded({ kind: 'added', name: source.name, secret });
            },
          },
        );
      }}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-slate-50/60 p-3 sm:p-4"
    >
      <h3 className="text-sm font-semibold text-slate-900">{t('title')}</h3>
      <div className="flex flex-wrap items-start gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-1 sm:max-w-sm">
          <label htmlFor={`${id}-name`} className="text-sm font-medium text-slate-700">
            {t('name')}
          </label>
          <input
            id={`${id}-name`}
            name="name"
            type="text"
            autoComplete="off"
            data-testid="webhook-add-name"
            disabled={disabled}
            value={name}
            aria-invalid={issue ? true : undefined}
            aria-describedby={`${id}-name-hint`}
            onChange={(e) => setName(e.target.value)}
            className={`w-full rounded-lg border px-2.5 py-1.5 text-sm text-slate-900 focus:ring-1 focus:outline-none disabled:opacity-50 ${
              issue
                ? 'border-red-400 focus:border-red-500 focus:ring-red-500'
                : 'border-slate-200 focus:border-indigo-500 focus:ring-indigo-500'
            }`}
          />
          <p
            id={`${id}-name-hint`}
            data-testid={issue ? 'webhook-add-name-error' : undefined}
            className={`text-xs ${issue ? 'text-red-700' : 'text-slate-500'}`}
          >
            {issue
              ? issue.code === 'duplicate_name'
                ? t('nameTaken')
                : issueMessage(issue)
              : t('nameHint')}
          </p>
        </div>
        <button
          type="submit"
          data-testid="webhook-add-submit"
          disabled={disabled || add.isPending}
          className="mt-6 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:opacity-50"
        >
          {add.isPending ? t('adding') : t('submit')}
        </button>
      </div>
      {add.isError && (
        <p role="alert" data-testid="webhook-add-error" className="text-sm text-red-700">
          {errorMessage(add.error)}
        </p>
      )}
    </form>
  );
}
