import { AuthResponse, type LoginBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import type { MutationHookOptions } from '@/lib/mutation-config';
import { useSessionMutation } from './session-mutation';

export function login(body: LoginBody): Promise<AuthResponse> {
  return apiRequest('/api/auth/login', { method: 'POST', body, auth: false, schema: AuthResponse });
}

export function useLogin({ mutationConfig }: MutationHookOptions<AuthResponse, LoginBody> = {}) {
  return useSessionMutation(login, mutationConfig);
}
