import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

/**
 * One cache for every page's GETs. A refused request (4xx) is an answer, not a glitch: it is shown at once, never
 * retried; only a request that got no answer at all (network, status 0) is tried once more. Pages do not refetch
 * when the window regains focus: a form half filled in must not jump under the person's hands.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => count < 1 && err instanceof ApiError && err.status === 0,
      refetchOnWindowFocus: false,
      staleTime: 0,
    },
  },
});
