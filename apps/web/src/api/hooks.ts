import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSignedIn } from '../session/session';
import { ApiProblem, callApi } from './client';

/** The /v1 API with the signed-in key; a key the API no longer accepts signs the tab out. */
export function useApi() {
  const { key, signOut } = useSignedIn();
  return useMemo(() => {
    const call = async <T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> => {
      try {
        return await callApi<T>(key, path, init);
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) signOut();
        throw error;
      }
    };
    return {
      get: <T>(path: string) => call<T>(path),
      post: <T>(path: string, body: unknown) => call<T>(path, { method: 'POST', body }),
      put: <T>(path: string, body: unknown) => call<T>(path, { method: 'PUT', body }),
    };
  }, [key, signOut]);
}

/** A GET whose answer is cached by its path (with its query string). */
export function useApiQuery<T>(path: string, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({ queryKey: [path], queryFn: () => api.get<T>(path), enabled: options.enabled });
}

/** A command: on success every view is read again, since one event can change them all. */
export function useCommand<TBody>(path: string, method: 'POST' | 'PUT' = 'POST') {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation<unknown, Error, TBody>({
    mutationFn: (body) => (method === 'PUT' ? api.put(path, body) : api.post(path, body)),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** A command whose path names what it acts on (an invoice, a payment), chosen in the form. */
export function useCommandAt<TBody>() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation<unknown, Error, { path: string; body: TBody }>({
    mutationFn: ({ path, body }) => api.post(path, body),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export const clientPath = (clientId: string, rest = '') => `/v1/clients/${encodeURIComponent(clientId)}${rest}`;
