import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * For a mutation's onMutate: change a cached query at once, before the server answers, and return
 * what puts it back (for onError). Fetches in flight are cancelled first so that an older answer
 * cannot overwrite the change.
 */
export async function updateQueryOptimistically<T>(
  queryClient: QueryClient,
  queryKey: QueryKey,
  update: (old: T | undefined) => T | undefined,
): Promise<() => void> {
  await queryClient.cancelQueries({ queryKey });
  const previous = queryClient.getQueryData<T>(queryKey);
  queryClient.setQueryData<T>(queryKey, update);
  return () => {
    if (previous !== undefined) queryClient.setQueryData<T>(queryKey, previous);
  };
}
