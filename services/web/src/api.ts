/** A call to one of the platform's APIs, as the signed-in user (their access token), never as the web front itself. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`API answered ${status}`);
  }
}

export interface ApiClient {
  get<T>(base: string, path: string): Promise<T>;
  post<T>(base: string, path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
}

export function apiClient(accessToken: string): ApiClient {
  const call = async <T>(method: string, base: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiError(res.status, parsed);
    return parsed as T;
  };
  return {
    get: (base, path) => call('GET', base, path),
    post: (base, path, body, headers) => call('POST', base, path, body, headers),
  };
}
