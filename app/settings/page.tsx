import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CommunitiesTable } from '@/components/settings/communities-table';
import { SyncStatusPanel } from '@/components/settings/sync-status-panel';
import { TelegramAccounts } from '@/components/settings/telegram-accounts';
import { UsersPanel } from '@/components/settings/users-panel';
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

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const [t, app] = await Promise.all([getTranslations('settings'), getTranslations('app')]);
  return { title: `${t('title')} · ${app('name')}` };
}

// Admins only (DESIGN §6): communities, Telegram accounts, sync status, users and roles.
// The sync status and the users are read again in the browser through app/api/settings/.
export default async function SettingsPage() {
  const user = await requirePermission('settings');
  const db = getDb();
  const [t, communities, accounts, sync, users] = await Promise.all([
    getTranslations('settings'),
    listCommunitySettings(db),
    listTelegramAccounts(db),
    getSyncStatus(db),
    listUserSettings(db),
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
    </div>
  );
}
