import { useMutation } from '@tanstack/react-query';
import { apiFetch, type ApiRequestError } from '../api/fetch';

// The account page's browser side: changing your own password (app/api/account/password).

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
}

export function useChangePasswordMutation() {
  return useMutation<{ changed: true }, ApiRequestError, PasswordChangeInput>({
    mutationFn: (input) => apiFetch('/api/account/password', { method: 'POST', body: input }),
  });
}
