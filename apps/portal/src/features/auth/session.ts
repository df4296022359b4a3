import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { Me } from '../../api/types';

export interface SignInInput {
  tenant: string;
  email: string;
  password: string;
}

export const useMe = () => useQuery({ queryKey: ['me'], queryFn: () => api.get<Me>('/api/v1/me'), staleTime: 60_000 });

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => api.post<{ user: Me; expiresAt: string }>('/api/v1/auth/session', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me'] }),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/api/v1/auth/session'),
    onSettled: () => client.clear(),
  });
}
