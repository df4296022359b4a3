/** Injection tokens for values the API's module builds from its environment. */
export const PLATFORM_ADMIN_TOKEN = Symbol('PLATFORM_ADMIN_TOKEN');
export const PUBLIC_BASE_URL = Symbol('PUBLIC_BASE_URL');
export const MAX_IMPORT_BYTES = Symbol('MAX_IMPORT_BYTES');
