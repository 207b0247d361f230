import { useMutation } from '@tanstack/react-query';
import type { AuthResponse, LoginBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { startSession } from '@/lib/auth-session';

export function login(body: LoginBody): Promise<AuthResponse> {
  return apiRequest<AuthResponse>('/api/auth/login', { method: 'POST', body, auth: false });
}

export function useLogin() {
  return useMutation({
    mutationFn: login,
    onSuccess: (response) => {
      startSession(response);
    },
  });
}
