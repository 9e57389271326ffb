import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type ApiRequestError } from '../api/fetch';
import { queryKeys } from '../api/query-keys';
import type { WebhookSecretIssued, WebhookSettings, WebhookSourceSetting } from './types';

// Settings → Purchase webhooks, the browser's side: the sources, and the changes it sends
// over app/api/settings/webhooks/. Refusals arrive as ApiRequestError (code and fields).

export function useWebhooksQuery(initialData: WebhookSettings) {
  return useQuery({
    queryKey: queryKeys.settings.webhooks(),
    queryFn: ({ signal }) => apiFetch<WebhookSettings>('/api/settings/webhooks', { signal }),
    initialData,
  });
}

function useSourceChange<I, O>(send: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation<O, ApiRequestError, I>({
    mutationFn: send,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.settings.webhooks() }),
  });
}

/** Adds a source; its secret is in the answer, and nowhere else ever again. */
export const useAddWebhookSourceMutation = () =>
  useSourceChange((input: { name: string }) =>
    apiFetch<WebhookSecretIssued>('/api/settings/webhooks', { method: 'POST', body: input }),
  );

/** A new secret for the source (answered once); the old ones sign for `overlapHours`. */
export const useRotateWebhookSecretMutation = () =>
  useSourceChange(({ id, overlapHours }: { id: number; overlapHours: number }) =>
    apiFetch<WebhookSecretIssued>(`/api/settings/webhooks/${id}/rotate`, {
      method: 'POST',
      body: { overlapHours },
    }),
  );

export const useRevokeWebhookSourceMutation = () =>
  useSourceChange(
    async ({ id }: { id: number }) =>
      (
        await apiFetch<{ source: WebhookSourceSetting }>(`/api/settings/webhooks/${id}/revoke`, {
          method: 'POST',
        })
      ).source,
  );
