import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { CommunitiesTable } from '@/components/settings/communities-table';
import { CurrenciesPanel } from '@/components/settings/currencies-panel';
import { SyncStatusPanel } from '@/components/settings/sync-status-panel';
import { TelegramAccounts } from '@/components/settings/telegram-accounts';
import { UsersPanel } from '@/components/settings/users-panel';
import { WebhooksPanel } from '@/components/settings/webhooks-panel';
import { Card } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/guard';
import { getDb } from '@/lib/server/db';
import {
  getSyncStatus,
  listCommunitySettings,
  listTelegramAccounts,
  listUserSettings,
} from '@/lib/settings/queries';
import { PageHeader } from '@/components/page-header';
import { appSecretOf } from '@/lib/env';
import { listWebhookSources } from '@/lib/webhooks/sources';
import { currencyState } from '@/lib/revenue/currencies';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations('settings'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('name')}` };
}

/** Where shops send purchases: on the app's public URL (NEXTAUTH_URL), else this request's. */
async function webhookEndpoint(): Promise<string> {
  const path = '/api/webhooks/purchases';
  if (process.env.NEXTAUTH_URL) return new URL(path, process.env.NEXTAUTH_URL).toString();
  const h = await headers();
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  return `${proto}://${h.get('host') ?? 'localhost'}${path}`;
}

// Admins only (DESIGN §6): communities, Telegram accounts, sync status, users and roles,
// purchase webhooks, currencies. The sync status, the users, the webhook sources and the
// currencies are read again in the browser through app/api/settings/.
export default async function SettingsPage() {
  const user = await requirePermission('settings');
  const db = getDb();
  const [t, communities, accounts, sync, users, webhookSources, endpoint, currencies] =
    await Promise.all([
      getTranslations('settings'),
      listCommunitySettings(db),
      listTelegramAccounts(db),
      getSyncStatus(db),
      listUserSettings(db),
      listWebhookSources(db),
      webhookEndpoint(),
      currencyState(db),
    ]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card
        id="communities"
        testId="settings-communities"
        title={t('communities.title')}
        description={t('communities.description')}
      >
        <CommunitiesTable communities={communities} />
      </Card>
      <Card
        id="accounts"
        testId="settings-accounts"
        title={t('accounts.title')}
        description={t('accounts.description')}
      >
        <TelegramAccounts accounts={accounts} />
      </Card>
      <SyncStatusPanel initialData={sync} />
      <Card
        id="users"
        testId="settings-users"
        title={t('users.title')}
        description={t('users.description')}
      >
        <UsersPanel initialUsers={users} currentUserId={user.id} />
      </Card>
      <Card
        id="webhooks"
        testId="settings-webhooks"
        title={t('webhooks.title')}
        description={t('webhooks.description')}
      >
        <WebhooksPanel
          initialData={{ configured: appSecretOf() !== null, sources: webhookSources }}
          endpoint={endpoint}
        />
      </Card>
      <Card
        id="currencies"
        testId="settings-currencies"
        title={t('currencies.title')}
        description={t('currencies.description')}
      >
        <CurrenciesPanel initialData={currencies} />
      </Card>
    </div>
  );
}
