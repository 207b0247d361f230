import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SessionList } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';

export const sessionsQueryKey = ['auth', 'sessions'] as const;

/** Where the caller is signed in, the most recently used first. */
export function getSessions(signal?: AbortSignal): Promise<SessionList> {
  return apiRequest('/api/auth/sessions', { signal, schema: SessionList });
}

export const useSessions = () =>
  useQuery(queryOptions({ queryKey: sessionsQueryKey, queryFn: ({ signal }) => getSessions(signal) }));

/** Ends one session (`id`), or with `'others'` every session but this one. */
export function endSessions(which: string | 'others'): Promise<void> {
  const path = which === 'others' ? '/api/auth/sessions' : `/api/auth/sessions/${encodeURIComponent(which)}`;
  return apiRequest(path, { method: 'DELETE' });
}

export function useEndSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endSessions,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}
