'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { DataTable } from '@/components/ui/data-table';
import type { TelegramAccountSetting, TelegramAccountStatus } from '@/lib/settings/types';
import { useBrowserTimeZone } from './use-browser-time-zone';

const statusStyle: Record<TelegramAccountStatus, string> = {
  active: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  revoked: 'bg-amber-50 text-amber-800 ring-amber-200',
  error: 'bg-red-50 text-red-700 ring-red-200',
};

export const loginCommand = 'npm run telegram:login -- --label <name> --track @chat';

export function TelegramAccounts({ accounts }: { accounts: TelegramAccountSetting[] }) {
  const t = useTranslations('settings');
  const format = useFormatter();
  const timeZone = useBrowserTimeZone();
  const none = <span className="text-slate-400">{t('none')}</span>;
  return (
    <div className="flex flex-col gap-4">
      {accounts.length === 0 ? (
        <p data-testid="telegram-accounts-empty" className="text-sm text-slate-500">
          {t('accounts.empty')}
        </p>
      ) : (
        <DataTable
          caption={t('accounts.caption')}
          rowKey={(a) => String(a.id)}
          rows={accounts}
          columns={[
            {
              key: 'label',
              header: t('accounts.label'),
              cell: (a) => <span className="font-medium">{a.label}</span>,
            },
            {
              key: 'kind',
              header: t('accounts.kind'),
              align: 'left',
              cell: (a) => t(`accounts.kinds.${a.kind}`),
            },
            {
              key: 'status',
              header: t('accounts.status'),
              align: 'left',
              cell: (a) => (
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${statusStyle[a.status]}`}
                >
                  {t(`accounts.statuses.${a.status}`)}
                </span>
              ),
            },
            {
              key: 'lastError',
              header: t('accounts.lastError'),
              align: 'left',
              cell: (a) =>
                a.lastError ? (
                  <span className="block max-w-xs truncate text-red-700" title={a.lastError}>
                    {a.lastError}
                  </span>
                ) : (
                  none
                ),
            },
            {
              key: 'communities',
              header: t('accounts.communities'),
              cell: (a) => format.number(a.communities),
            },
            {
              key: 'added',
              header: t('accounts.added'),
              cell: (a) =>
                format.dateTime(new Date(a.createdAt), { dateStyle: 'medium', timeZone }),
            },
          ]}
        />
      )}
      <div
        data-testid="telegram-login-help"
        className="rounded-lg border border-indigo-100 bg-indigo-50/60 p-3 text-sm text-slate-700 sm:p-4"
      >
        <h3 className="font-medium text-slate-900">{t('accounts.howToTitle')}</h3>
        <p className="mt-1">{t('accounts.howTo')}</p>
        <pre className="mt-2 rounded-md bg-slate-900 px-3 py-2 text-xs break-words whitespace-pre-wrap text-slate-100">
          <code>{loginCommand}</code>
        </pre>
        <p className="mt-2 text-xs text-slate-500">{t('accounts.howToEnv')}</p>
      </div>
    </div>
  );
}
