import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordBody, PasswordResetBody, PasswordResetConfirmBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';

/** The caller's new password; every other session of the account ends. */
export function changePassword(body: ChangePasswordBody): Promise<void> {
  return apiRequest('/api/auth/password', { method: 'POST', body });
}
export const useChangePassword = () => useMutation({ mutationFn: changePassword });

/** Asks for a reset link by email; the server answers the same whether or not the address has an account. */
export function requestPasswordReset(body: PasswordResetBody): Promise<void> {
  return apiRequest('/api/auth/password-reset', { method: 'POST', body, auth: false });
}
export const useRequestPasswordReset = () => useMutation({ mutationFn: requestPasswordReset });

/** Sets a new password with the token from the emailed link; every session of the account ends. */
export function confirmPasswordReset(body: PasswordResetConfirmBody): Promise<void> {
  return apiRequest('/api/auth/password-reset/confirm', { method: 'POST', body, auth: false });
}
export const useConfirmPasswordReset = () => useMutation({ mutationFn: confirmPasswordReset });
