import { useMutation } from '@tanstack/react-query';
import { User } from '@taskflow/contracts/api';
import { z } from 'zod';
import { apiRequest } from '@/lib/api-client';
import { updateSessionUser } from '@/lib/auth-session';

const MeResponse = z.object({ user: User });

/** Changes the caller's name or time zone. */
export async function updateProfile(body: { name?: string; timezone?: string }): Promise<User> {
  return (await apiRequest('/api/auth/me', { method: 'PATCH', body, schema: MeResponse })).user;
}

export const useUpdateProfile = () => useMutation({ mutationFn: updateProfile, onSuccess: updateSessionUser });
