import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettingsErrorCode } from './users';
import type { SyncStatus, UserSetting } from './types';

// The Settings page's browser side: the sync status it polls and the user changes it sends,
// over the guarded routes in app/api/settings/.

export const settingsQueryKeys = {
  sync: ['settings', 'sync'] as const,
  users: ['settings', 'users'] as const,
};

/** How often the sync status is read again, so an admin watches a backfill move. */
export const syncRefreshMs = 10_000;

/** A refused request: `code` and `fields` as the route sent them, when it sent them. */
export class SettingsApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: SettingsErrorCode | null,
    readonly fields: Record<string, string>,
  ) {
    super(message);
    this.name = 'SettingsApiError';
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json' } : undefined,
  });
  const body = (await res.json().catch(() => null)) as
    (T & { error?: string; code?: SettingsErrorCode; fields?: Record<string, string> }) | null;
  if (!res.ok || !body)
    throw new SettingsApiError(
      body?.error ?? `Request failed with status ${res.status}`,
      res.status,
      body?.code ?? null,
      body?.fields ?? {},
    );
  return body;
}

export function useSyncStatusQuery(initialData: SyncStatus) {
  return useQuery({
    queryKey: settingsQueryKeys.sync,
    queryFn: ({ signal }) => call<SyncStatus>('/api/settings/sync', { signal }),
    initialData,
    refetchInterval: syncRefreshMs,
  });
}

export function useUsersQuery(initialData: UserSetting[]) {
  return useQuery({
    queryKey: settingsQueryKeys.users,
    queryFn: async ({ signal }) =>
      (await call<{ users: UserSetting[] }>('/api/settings/users', { signal })).users,
    initialData,
  });
}

export interface NewUserInput {
  email: string;
  name: string;
  role: string;
  password: string;
}

export function useAddUserMutation() {
  const client = useQueryClient();
  return useMutation<UserSetting, SettingsApiError, NewUserInput>({
    mutationFn: async (input) =>
      (
        await call<{ user: UserSetting }>('/api/settings/users', {
          method: 'POST',
          body: JSON.stringify(input),
        })
      ).user,
    onSettled: () => client.invalidateQueries({ queryKey: settingsQueryKeys.users }),
  });
}

export type UserChangeInput = { id: number } & ({ role: string } | { disabled: boolean });

export function useChangeUserMutation() {
  const client = useQueryClient();
  return useMutation<UserSetting, SettingsApiError, UserChangeInput>({
    mutationFn: async ({ id, ...change }) =>
      (
        await call<{ user: UserSetting }>(`/api/settings/users/${id}`, {
          method: 'PATCH',
          body: JSON.stringify(change),
        })
      ).user,
    onSettled: () => client.invalidateQueries({ queryKey: settingsQueryKeys.users }),
  });
}
