import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type ApiRequestError } from '../api/fetch';
import { queryKeys } from '../api/query-keys';
import type {
  ReplayProgress,
  SyncStatus,
  TimeZoneOption,
  TimeZoneSaved,
  UserSetting,
} from './types';

// The Settings page's browser side: the sync status it polls and the user changes it sends,
// over app/api/settings/. Refusals arrive as ApiRequestError (code and field issues).

/** How often the sync status is read again, so an admin watches a backfill move. */
export const syncRefreshMs = 10_000;

export function useSyncStatusQuery(initialData: SyncStatus) {
  return useQuery({
    queryKey: queryKeys.settings.sync(),
    queryFn: ({ signal }) => apiFetch<SyncStatus>('/api/settings/sync', { signal }),
    initialData,
    refetchInterval: syncRefreshMs,
  });
}

export function useUsersQuery(initialData: UserSetting[]) {
  return useQuery({
    queryKey: queryKeys.settings.users(),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ users: UserSetting[] }>('/api/settings/users', { signal })).users,
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
  return useMutation<UserSetting, ApiRequestError, NewUserInput>({
    mutationFn: async (input) =>
      (
        await apiFetch<{ user: UserSetting }>('/api/settings/users', {
          method: 'POST',
          body: input,
        })
      ).user,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.settings.users() }),
  });
}

export type UserChangeInput = { id: number } & ({ role: string } | { disabled: boolean });

export function useChangeUserMutation() {
  const client = useQueryClient();
  return useMutation<UserSetting, ApiRequestError, UserChangeInput>({
    mutationFn: async ({ id, ...change }) =>
      (
        await apiFetch<{ user: UserSetting }>(`/api/settings/users/${id}`, {
          method: 'PATCH',
          body: change,
        })
      ).user,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.settings.users() }),
  });
}

/** A reset: the password typed, or none to have the server generate one (answered once). */
export interface PasswordResetInput {
  id: number;
  password?: string;
}

export function useResetPasswordMutation() {
  return useMutation<{ generatedPassword: string | null }, ApiRequestError, PasswordResetInput>({
    mutationFn: ({ id, password }) =>
      apiFetch(`/api/settings/users/${id}/password`, {
        method: 'POST',
        body: password === undefined ? {} : { password },
      }),
  });
}

/** The zones a community may take; read once, when a time zone dialog first opens. */
export function useTimeZonesQuery() {
  return useQuery({
    queryKey: queryKeys.settings.timeZones(),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ zones: TimeZoneOption[] }>('/api/settings/time-zones', { signal })).zones,
    staleTime: 60 * 60_000,
  });
}

/** How often the history replay's progress is read again while fans are waiting. */
export const replayRefreshMs = 3_000;

/** The history replay's progress: read on load, after a change, and every few seconds while fans wait. */
export function useReplayProgressQuery() {
  return useQuery({
    queryKey: queryKeys.settings.replayProgress(),
    queryFn: ({ signal }) => apiFetch<ReplayProgress>('/api/settings/replay-progress', { signal }),
    refetchInterval: (query) => ((query.state.data?.queuedFans ?? 0) > 0 ? replayRefreshMs : false),
  });
}

export function useSetTimeZoneMutation() {
  const client = useQueryClient();
  return useMutation<TimeZoneSaved, ApiRequestError, { communityId: number; timeZone: string }>({
    mutationFn: ({ communityId, timeZone }) =>
      apiFetch<TimeZoneSaved>(`/api/communities/${communityId}/time-zone`, {
        method: 'PATCH',
        body: { timeZone },
      }),
    // Not awaited: the page marks when it saved, then the fresh progress arrives after that.
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.settings.replayProgress() });
    },
  });
}
