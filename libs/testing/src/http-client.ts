export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small JSON client for driving the API over HTTP in tests and the demo. */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  withToken(token: string): HttpClient {
    return new HttpClient(this.baseUrl, token);
  }

  get<T = any>(path: string): Promise<HttpResult<T>> {
    return this.request('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    return this.request('POST', path, body, headers);
  }
  put<T = any>(path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.request('PUT', path, body);
  }
  patch<T = any>(path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.request('PATCH', path, body);
  }
  delete<T = any>(path: string): Promise<HttpResult<T>> {
    return this.request('DELETE', path);
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    // A string or a multipart form goes as it is (fetch sets the form's content type and boundary).
    const raw = typeof body === 'string' || body instanceof FormData;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : raw ? (body as string | FormData) : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}
