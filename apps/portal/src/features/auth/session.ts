import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Schemas } from '../../api/types';

export type SignInInput = Schemas['LoginDto'];

export const useMe = () => useQuery({ queryKey: ['me'], queryFn: () => ok(api.GET('/api/v1/me')), staleTime: 60_000 });

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => ok(api.POST('/api/v1/auth/session', { body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me'] }),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/auth/session')),
    onSettled: () => client.clear(),
  });
}
