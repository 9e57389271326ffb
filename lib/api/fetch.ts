import type { ApiErrorBody, FieldIssue } from './errors';

// The browser's one way to call the API (the pattern of umami's src/lib/fetch.ts): JSON in
// and out, and every refusal as one error type carrying the server's code and field issues.

/** A refused or failed request, as the server explained it. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields: FieldIssue[] = [],
    readonly ref?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  /** The issue for one field (`body.params.new_window_days` or just its last part). */
  field(path: string): FieldIssue | undefined {
    return this.fields.find((f) => f.path === path || f.path.endsWith(`.${path}`));
  }
}

export interface ApiFetchOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (an upload), with its own content type. */
  upload?: { data: BodyInit; contentType: string; headers?: Record<string, string> };
  signal?: AbortSignal;
}

async function errorOf(response: Response): Promise<ApiRequestError> {
  const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
  const error = body?.error;
  return new ApiRequestError(
    error?.message ?? `Request failed with status ${response.status}`,
    response.status,
    error?.code ?? (response.status >= 500 ? 'internal' : 'unknown'),
    error?.fields ?? [],
    error?.ref,
  );
}

/** The response itself (for downloads), after the same error handling as apiFetch. */
export async function apiFetchResponse(url: string, options: ApiFetchOptions = {}) {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.upload) {
    Object.assign(headers, options.upload.headers, { 'content-type': options.upload.contentType });
    body = options.upload.data;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body,
    signal: options.signal,
    credentials: 'same-origin',
  });
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** Calls the API and returns its JSON; throws ApiRequestError when it refuses. */
export async function apiFetch<T>(url: string, options: ApiFetchOptions = {}): Promise<T> {
  const response = await apiFetchResponse(url, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
