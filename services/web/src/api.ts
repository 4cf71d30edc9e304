import type { Lang } from './i18n';

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
  put<T>(base: string, path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  patch<T>(base: string, path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  delete<T>(base: string, path: string, headers?: Record<string, string>): Promise<T>;
  /** A download (CSV, PDF) passed on as it came: its bytes and content headers. */
  download(base: string, path: string): Promise<{ body: Buffer; contentType: string; disposition?: string }>;
}

export function apiClient(accessToken: string): ApiClient {
  const send = async (
    method: string,
    base: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    accept = 'application/json',
  ) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) {
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // A problem that is not JSON is kept as its text.
      }
      throw new ApiError(res.status, parsed);
    }
    return res;
  };
  const call = async <T>(method: string, base: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> => {
    const text = await (await send(method, base, path, body, headers)).text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: (base, path) => call('GET', base, path),
    post: (base, path, body, headers) => call('POST', base, path, body, headers),
    put: (base, path, body, headers) => call('PUT', base, path, body, headers),
    patch: (base, path, body, headers) => call('PATCH', base, path, body, headers),
    delete: (base, path, headers) => call('DELETE', base, path, undefined, headers),
    async download(base, path) {
      const res = await send('GET', base, path, undefined, {}, '*/*');
      const disposition = res.headers.get('content-disposition') ?? undefined;
      return {
        body: Buffer.from(await res.arrayBuffer()),
        contentType: res.headers.get('content-type') ?? 'application/octet-stream',
        ...(disposition ? { disposition } : {}),
      };
    },
  };
}

/**
 * The problem's field errors by field, as the APIs name them (`body.company.cvr` becomes
 * `company.cvr`), so a form shows each message at its own field. With `lang` each message is the
 * API's text in that language (`message_da` / `message_en`); without it, the API's `message` as
 * written. The first per field is kept.
 */
export function fieldErrors(error: unknown, lang?: Lang): Record<string, string> {
  if (!(error instanceof ApiError) || typeof error.body !== 'object' || error.body === null) return {};
  const errors = (error.body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return {};
  const out: Record<string, string> = {};
  for (const e of errors) {
    if (typeof e !== 'object' || e === null) continue;
    const { field, message, message_da, message_en } = e as Record<string, unknown>;
    if (typeof field !== 'string' || typeof message !== 'string') continue;
    const chosen = lang === 'da' ? message_da : lang === 'en' ? message_en : undefined;
    const key = field.replace(/^(body|query|params)\.?/, '');
    if (!(key in out)) out[key] = typeof chosen === 'string' && chosen !== '' ? chosen : message;
  }
  return out;
}
