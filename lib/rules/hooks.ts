import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PreviewJson, RulesErrorBody, RulesState } from './types';

// The Rules page's browser side: the state it reads and the changes it sends, over the
// guarded routes in app/api/rules/. The server checks every change; the page only asks.

export const rulesQueryKeys = {
  state: ['rules', 'state'] as const,
  preview: (version: number, params: unknown) =>
    ['rules', 'preview', version, JSON.stringify(params)] as const,
};

/** A refused request: the engine's `code` and per-field messages when the route sent them. */
export class RulesApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: RulesErrorBody['code'],
    readonly fields: Record<string, string>,
  ) {
    super(message);
    this.name = 'RulesApiError';
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json' } : undefined,
  });
  const body = (await res.json().catch(() => null)) as (T & Partial<RulesErrorBody>) | null;
  if (!res.ok || !body)
    throw new RulesApiError(
      body?.error ?? `Request failed with status ${res.status}`,
      res.status,
      body?.code ?? null,
      body?.fields ?? {},
    );
  return body;
}

export function useRulesQuery(initialData: RulesState) {
  return useQuery({
    queryKey: rulesQueryKeys.state,
    queryFn: ({ signal }) => call<RulesState>('/api/rules', { signal }),
    initialData,
    staleTime: 0,
  });
}

export function usePreviewQuery(draft: { version: number; params: unknown } | null) {
  return useQuery({
    queryKey: rulesQueryKeys.preview(draft?.version ?? 0, draft?.params ?? null),
    queryFn: ({ signal }) =>
      call<PreviewJson>(`/api/rules/draft/${draft!.version}/preview`, { signal }),
    enabled: draft !== null,
    retry: false,
  });
}

/** A change to the rules; whatever the answer, the page reads the rules again. */
function useRulesMutation<I, T>(send: (input: I) => Promise<T>) {
  const client = useQueryClient();
  return useMutation<T, RulesApiError, I>({
    mutationFn: send,
    onSettled: () => client.invalidateQueries({ queryKey: rulesQueryKeys.state }),
  });
}

const json = (body: unknown) => JSON.stringify(body);

export function useStartDraftMutation() {
  return useRulesMutation<void, { version: number }>(() =>
    call('/api/rules/draft', { method: 'POST' }),
  );
}

export function useSaveDraftMutation() {
  return useRulesMutation<{ version: number; params: Record<string, number | null> }, unknown>(
    ({ version, params }) =>
      call(`/api/rules/draft/${version}`, { method: 'PUT', body: json({ params }) }),
  );
}

export function useDiscardDraftMutation() {
  return useRulesMutation<number, unknown>((version) =>
    call(`/api/rules/draft/${version}`, { method: 'DELETE' }),
  );
}

export function usePublishMutation() {
  return useRulesMutation<{ version: number; note: string }, { version: number }>(
    ({ version, note }) =>
      call(`/api/rules/draft/${version}/publish`, { method: 'POST', body: json({ note }) }),
  );
}

export function useRollbackMutation() {
  return useRulesMutation<{ version: number; note: string }, { version: number }>(
    ({ version, note }) =>
      call(`/api/rules/versions/${version}/rollback`, { method: 'POST', body: json({ note }) }),
  );
}
