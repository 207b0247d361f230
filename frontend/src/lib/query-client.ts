import { QueryClient } from '@tanstack/react-query';
import { ApiError, UnexpectedResponseError } from './api-error';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      retry: (failureCount, error) => {
        // Client errors, and answers this client cannot read, will not fix themselves by asking again.
        if (error instanceof ApiError && error.status < 500) return false;
        if (error instanceof UnexpectedResponseError) return false;
        return failureCount < 2;
      },
    },
    mutations: { retry: false },
  },
});
