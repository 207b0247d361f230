import { useMutation } from '@tanstack/react-query';
import type { AuthResponse, RegisterBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { startSession } from '@/lib/auth-session';

export function register(body: RegisterBody): Promise<AuthResponse> {
  return apiRequest<AuthResponse>('/api/auth/register', { method: 'POST', body, auth: false });
}

export function useRegister() {
  return useMutation({
    mutationFn: register,
    onSuccess: (response) => {
      startSession(response);
    },
  });
}
