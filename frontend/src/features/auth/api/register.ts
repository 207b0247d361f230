import { AuthResponse, type RegisterBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import type { MutationHookOptions } from '@/lib/mutation-config';
import { useSessionMutation } from './session-mutation';

export function register(body: RegisterBody): Promise<AuthResponse> {
  return apiRequest('/api/auth/register', { method: 'POST', body, auth: false, schema: AuthResponse });
}

export function useRegister({ mutationConfig }: MutationHookOptions<AuthResponse, RegisterBody> = {}) {
  return useSessionMutation(register, mutationConfig);
}
