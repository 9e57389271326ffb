import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, ApiRequestError } from '../api/fetch';
import { queryKeys } from '../api/query-keys';
import type { PreviewJson, RulesState } from './types';

// The Rules page's browser side: the state it reads and the changes it sends, over the
// routes in app/api/rules/. The server checks every change; the page only asks.

export function useRulesQuery(initialData: RulesState) {
  return useQuery({
    queryKey: queryKeys.rules.state(),
    queryFn: ({ signal }) => apiFetch<RulesState>('/api/rules', { signal }),
    initialData,
    staleTime: 0,
  });
}

// The server computes one preview per person at a time: asked again while one is still
// running (a save right after another), it answers 429 and the page asks again, later.
const previewRetries = 6;
const previewRetryMs = (attempt: number) => Math.min(1_000 * 2 ** attempt, 10_000);

export function usePreviewQuery(draft: { version: number; params: unknown } | null) {
  return useQuery<PreviewJson, ApiRequestError>({
    queryKey: queryKeys.rules.preview(draft?.version ?? 0, draft?.params ?? null),
    queryFn: ({ signal }) =>
      apiFetch<PreviewJson>(`/api/rules/draft/${draft!.version}/preview`, { signal }),
    enabled: draft !== null,
    // As long as the server keeps it (lib/rules/get-preview.ts): asking sooner costs a
    // request of the person's ten a minute for the same answer.
    staleTime: 30_000,
    retry: (failures, error) => error.code === 'rate_limited' && failures < previewRetries,
    retryDelay: previewRetryMs,
  });
}

/** A change to the rules; whatever the answer, the page reads the rules again. */
function useRulesMutation<I, T>(send: (input: I) => Promise<T>) {
  const client = useQueryClient();
  return useMutation<T, ApiRequestError, I>({
    mutationFn: send,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.rules.state() }),
  });
}

export function useStartDraftMutation() {
  return useRulesMutation<void, { version: number }>(() =>
    apiFetch('/api/rules/draft', { method: 'POST' }),
  );
}

export function useSaveDraftMutation() {
  return useRulesMutation<{ version: number; params: Record<string, number | null> }, unknown>(
    ({ version, params }) =>
      apiFetch(`/api/rules/draft/${version}`, { method: 'PUT', body: { params } }),
  );
}

export function useDiscardDraftMutation() {
  return useRulesMutation<number, unknown>((version) =>
    apiFetch(`/api/rules/draft/${version}`, { method: 'DELETE' }),
  );
}

export function usePublishMutation() {
  return useRulesMutation<{ version: number; note: string }, { version: number }>(
    ({ version, note }) =>
      apiFetch(`/api/rules/draft/${version}/publish`, { method: 'POST', body: { note } }),
  );
}

export function useRollbackMutation() {
  return useRulesMutation<{ version: number; note: string }, { version: number }>(
    ({ version, note }) =>
      apiFetch(`/api/rules/versions/${version}/rollback`, { method: 'POST', body: { note } }),
  );
}
