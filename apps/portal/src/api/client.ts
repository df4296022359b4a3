import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** The API's error body: `{ statusCode, error, message, details? }`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly details: FieldProblem[] = []) {
    super(message);
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when the session has ended (401): the app returns the user to sign-in. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** `a=1&b=2` from the defined, non-empty values. */
function searchParams(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
}

/**
 * The API on the portal's own origin, typed by `schema.d.ts` (generated from the API's OpenAPI
 * description: `npm run api:types`). The session cookie travels by itself (`same-origin`); the
 * browser adds `Origin` to writes, which the API checks. A JSON body is sent as
 * `application/json`, a `FormData` one with the browser's multipart boundary.
 */
export const api = createClient<paths>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  querySerializer: searchParams,
});

api.use({
  onResponse({ response, schemaPath }) {
    // A failed sign-in is the sign-in form's own answer, not an ended session.
    if (response.status === 401 && schemaPath !== '/api/v1/auth/session') unauthorizedListeners.forEach((listener) => listener());
  },
});

/** What `api.GET(…)` and the others resolve to. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function apiError(response: Response, body: unknown): ApiError {
  const error = (typeof body === 'object' && body !== null ? body : {}) as { message?: string | string[]; details?: FieldProblem[] };
  const message = Array.isArray(error.message) ? error.message.join('; ') : (error.message ?? response.statusText);
  return new ApiError(response.status, message, error.details ?? []);
}

/** The answer's body as its OpenAPI schema types it, or an `ApiError` with the API's message and field problems. */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiError(response, error);
  return data as T;
}
