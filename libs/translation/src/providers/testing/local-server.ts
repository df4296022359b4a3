/** The local provider servers live with the other test support, where API specs reach them too. */
export { check, fakeTranslation, LocalProviderServer, waitFor } from '@porchlight/testing';
export type { RecordedRequest, ScriptedResponse } from '@porchlight/testing';
