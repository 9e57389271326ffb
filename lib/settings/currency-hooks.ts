import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type ApiRequestError } from '../api/fetch';
import { queryKeys } from '../api/query-keys';
import type { CurrencyState } from '../revenue/currencies';

// The Currencies panel's browser side, over app/api/settings/currencies/: the state it
// shows, and the changes it sends. Every change converts purchases again, so the state is
// read again after each (whether it worked or not).

export interface RateFormInput {
  currency: string;
  from: string;
  /** Empty: the one day `from`. */
  to: string;
  rate: string;
}

export function useCurrenciesQuery(initialData: CurrencyState) {
  return useQuery({
    queryKey: queryKeys.settings.currencies(),
    queryFn: ({ signal }) => apiFetch<CurrencyState>('/api/settings/currencies', { signal }),
    initialData,
  });
}

function useCurrencyMutation<In, Out>(mutationFn: (input: In) => Promise<Out>) {
  const client = useQueryClient();
  return useMutation<Out, ApiRequestError, In>({
    mutationFn,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.settings.currencies() }),
  });
}

export function useSetBaseCurrencyMutation() {
  return useCurrencyMutation((currency: string) =>
    apiFetch<{ before: string | null; changed: boolean; purchasesChanged: number }>(
      '/api/settings/currencies',
      { method: 'PUT', body: { currency } },
    ),
  );
}

export function useSaveRateMutation() {
  return useCurrencyMutation(({ currency, from, to, rate }: RateFormInput) =>
    apiFetch<{ saved: number; purchasesChanged: number }>('/api/settings/currencies/rates', {
      method: 'POST',
      body: {
        currency,
        from,
        ...(to.trim() ? { to } : {}),
        // Empty is sent as missing, so it reads "enter a number" rather than "above 0".
        ...(rate.trim() ? { rate: rate.trim() } : {}),
      },
    }),
  );
}

export function useDeleteRateMutation() {
  return useCurrencyMutation((key: { currency: string; day: string }) =>
    apiFetch<{ purchasesChanged: number }>('/api/settings/currencies/rates', {
      method: 'DELETE',
      body: key,
    }),
  );
}

export function useUploadRatesMutation() {
  return useCurrencyMutation((file: File) =>
    apiFetch<{ saved: number; purchasesChanged: number }>('/api/settings/currencies/rates/csv', {
      method: 'POST',
      upload: { data: file, contentType: 'text/csv' },
    }),
  );
}
