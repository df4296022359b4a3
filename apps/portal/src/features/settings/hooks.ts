import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Schemas } from '../../api/types';

export type SettingsPatch = Schemas['UpdateSettingsDto'];
export type EngineTrial = Schemas['TestTranslationDto'];

/** The district's settings (`GET /api/v1/settings`); secrets are never in them. */
export function useSettings() {
  return useQuery({ queryKey: ['settings'], queryFn: () => ok(api.GET('/api/v1/settings')) });
}

/** Saves part of the settings; the answer replaces the cached settings. Each section has its own, so its success and errors stay its own. */
export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => ok(api.PATCH('/api/v1/settings', { body: patch })),
    onSuccess: (saved) => client.setQueryData(['settings'], saved),
  });
}

/** "Test it": one sample through the translation engine as the form stands (`POST /api/v1/settings/translation/test`). */
export function useEngineTest() {
  return useMutation({ mutationFn: (trial: EngineTrial) => ok(api.POST('/api/v1/settings/translation/test', { body: trial })) });
}

/** A text field as the API takes it: trimmed, and null when empty. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
/** A text field sent only when something was typed (URLs, regions and secrets cannot be blank). */
export const ifTyped = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

export type SmsTrial = Schemas['TestSmsDto'];

/** "Test it" for the SMS account: the provider is asked about the SID and token as the form stands; nothing is sent. */
export function useSmsTest() {
  return useMutation({ mutationFn: (trial: SmsTrial) => ok(api.POST('/api/v1/settings/sms/test', { body: trial })) });
}
