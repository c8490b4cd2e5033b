import { asSession, endSession, readSession, saveSession, type Session } from './session';

/** The error envelope every Sightline API answers with. */
export interface ApiError {
  code: string;
  message: string;
  field: string | null;
}

export type ApiResult<T> =
  /** 2xx with a JSON body (or 204, then data is null). */
  | { kind: 'ok'; status: number; data: T }
  /** The server answered with a well-formed error envelope. */
  | { kind: 'error'; status: number; error: ApiError }
  /** No usable answer: network failure (status null), or a body that is not our JSON. */
  | { kind: 'unavailable'; status: number | null };

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function asApiError(body: unknown): ApiError | null {
  if (typeof body !== 'object' || body === null) return null;
  const err = (body as { error?: unknown }).error;
  if (typeof err !== 'object' || err === null) return null;
  const { code, message, field } = err as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return { code, message, field: typeof field === 'string' ? field : null };
}

/** Sends one request; null when the server could not be reached. */
async function send(method: Method, url: string, body: unknown, headers: Record<string, string>): Promise<Response | null> {
  try {
    return await fetch(url, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return null;
  }
}

/** Sorts a JSON answer into ok / error envelope / unavailable. */
async function readJson<T>(response: Response): Promise<ApiResult<T>> {
  const status = response.status;
  if (status === 204 || status === 205) return { kind: 'ok', status, data: null as T };
  const contentType = response.headers.get('Content-Type') ?? '';
  let parsed: unknown = undefined;
  if (contentType.includes('json')) {
    try {
      parsed = await response.json();
    } catch {
      parsed = undefined;
    }
  }
  if (parsed === undefined) return { kind: 'unavailable', status };

  if (response.ok) return { kind: 'ok', status, data: parsed as T };
  const error = asApiError(parsed);
  return error ? { kind: 'error', status, error } : { kind: 'unavailable', status };
}

/**
 * Sends one request and sorts the answer into ok / error envelope / unavailable.
 * It never throws, and never hands raw bodies (HTML error pages, stack traces) to the UI.
 */
export async function request<T>(
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult<T>> {
  const response = await send(method, url, body, headers);
  return response ? readJson<T>(response) : { kind: 'unavailable', status: null };
}

/** A GET whose 2xx body is a file (CSV, say); failures are sorted like request()'s. */
async function requestBlob(url: string, headers: Record<string, string>): Promise<ApiResult<Blob>> {
  const response = await send('GET', url, undefined, headers);
  if (!response) return { kind: 'unavailable', status: null };
  if (!response.ok) return readJson<Blob>(response);
  try {
    return { kind: 'ok', status: response.status, data: await response.blob() };
  } catch {
    return { kind: 'unavailable', status: response.status };
  }
}

/** A public call (sign-up, login, emailed-token flows): no token. */
export function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
  return request<T>('POST', url, body, headers);
}

// ---- authenticated calls ----

let refreshing: Promise<ApiResult<Session>> | null = null;

/** One refresh at a time: calls that fail together share it. */
function refresh(refreshToken: string): Promise<ApiResult<Session>> {
  if (!refreshing) {
    refreshing = (async (): Promise<ApiResult<Session>> => {
      const result = await request<unknown>('POST', '/api/auth/refresh', { refreshToken });
      if (result.kind !== 'ok') return result;
      const session = asSession(result.data);
      return session ? { kind: 'ok', status: result.status, data: session } : { kind: 'unavailable', status: result.status };
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

const SESSION_ENDED: ApiError = {
  code: 'session_ended',
  message: 'Your session has ended. Sign in again to continue.',
  field: null,
};

/**
 * Sends a call with `Authorization: Bearer <accessToken>`. On a 401 it refreshes the session
 * once and retries; when that fails too the session ends (the app then shows /login and returns
 * to the page afterwards). A refresh that cannot reach the server keeps the session, so a
 * network blip does not sign anyone out.
 */
async function asSignedIn<T>(call: (auth: Record<string, string>) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  const session = readSession();
  if (!session) return { kind: 'error', status: 401, error: SESSION_ENDED };
  const first = await call({ Authorization: `Bearer ${session.accessToken}` });
  if (first.status !== 401) return first;

  // Another call may have refreshed while this one was under way.
  let current = readSession();
  if (!current) return first;
  if (current.accessToken === session.accessToken) {
    const renewed = await refresh(current.refreshToken);
    if (renewed.kind === 'ok') {
      saveSession(renewed.data);
      current = renewed.data;
    } else if (renewed.status === null || renewed.status >= 500) {
      return { kind: 'unavailable', status: renewed.status };
    } else {
      endSession('expired');
      return first;
    }
  }
  const retry = await call({ Authorization: `Bearer ${current.accessToken}` });
  if (retry.status === 401) endSession('expired');
  return retry;
}

/** A JSON call as the signed-in user (see asSignedIn). */
export function apiRequest<T>(method: Method, url: string, body?: unknown): Promise<ApiResult<T>> {
  return asSignedIn((auth) => request<T>(method, url, body, auth));
}

/**
 * Downloads a file as the signed-in user and hands it to the browser under `filename`. A plain
 * link cannot send the bearer token, so the file is fetched, then saved from an object URL.
 * `accept` names the file's type; JSON stays acceptable for the error envelope.
 */
export async function apiDownload(url: string, filename: string, accept: string): Promise<ApiResult<Blob>> {
  const result = await asSignedIn((auth) => requestBlob(url, { Accept: `${accept}, application/json;q=0.9`, ...auth }));
  if (result.kind === 'ok') saveBlob(result.data, filename);
  return result;
}

/** A file answer: its bytes and the name Content-Disposition gives it, if any. */
export interface Download {
  blob: Blob;
  filename: string | null;
}

export interface DownloadOptions {
  /** Aborting stops the download; the call then answers unavailable with status null. */
  signal?: AbortSignal;
  /** Called with the bytes received so far, as they arrive. */
  onProgress?(bytes: number): void;
}

/** The file name in a Content-Disposition header (`filename*=UTF-8''…` or `filename="…"`). */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8'[^']*')?([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall back to the plain name */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  return plain ? (plain[2] ?? plain[1]).trim() || null : null;
}

/** POSTs JSON and reads a 2xx answer as a file, chunk by chunk; failures are sorted like request()'s. */
async function postForFile(url: string, body: unknown, headers: Record<string, string>, options: DownloadOptions): Promise<ApiResult<Download>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch {
    return { kind: 'unavailable', status: null };
  }
  if (!response.ok) return readJson<Download>(response);
  const filename = dispositionFilename(response.headers.get('Content-Disposition'));
  const type = response.headers.get('Content-Type') ?? '';
  try {
    const reader = response.body?.getReader();
    if (!reader) return { kind: 'ok', status: response.status, data: { blob: await response.blob(), filename } };
    const chunks: BlobPart[] = [];
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
      options.onProgress?.(bytes);
    }
    return { kind: 'ok', status: response.status, data: { blob: new Blob(chunks, { type }), filename } };
  } catch {
    return { kind: 'unavailable', status: options.signal?.aborted ? null : response.status };
  }
}

/**
 * POSTs `body` as the signed-in user and saves the file the server answers (an export), named
 * by its Content-Disposition or else `fallbackName`. Progress and abort as DownloadOptions say.
 */
export async function apiPostDownload(
  url: string,
  body: unknown,
  fallbackName: string,
  accept: string,
  options: DownloadOptions = {},
): Promise<ApiResult<Download>> {
  const result = await asSignedIn((auth) =>
    postForFile(url, body, { Accept: `${accept}, application/json;q=0.9`, ...auth }, options),
  );
  if (result.kind === 'ok' && !options.signal?.aborted) saveBlob(result.data.blob, result.data.filename ?? fallbackName);
  return result;
}

function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns; free it once the download has started.
  setTimeout(() => URL.revokeObjectURL(href), 40_000);
}

// ---- turning failures into plain words ----

/** Answers that mean "no such service here", whatever body came with them. */
export const UNAVAILABLE_STATUSES = new Set([405, 501, 502, 503, 504]);

/**
 * A 404 means "no such API here" only with the generic `not_found` code (what UiServlet and
 * a missing REST route answer); a 404 with its own code (an unknown link token, say) keeps
 * its message.
 */
function isServiceMissing(status: number, error: ApiError): boolean {
  if (UNAVAILABLE_STATUSES.has(status)) return true;
  return status === 404 && error.code === 'not_found' && !error.field;
}

export function unavailableMessage(status: number | null, action = 'Sign-in'): string {
  const what = status === null ? 'the server could not be reached' : `the server answered ${status}`;
  return `${action} is not available right now: ${what}. Try again later or ask your administrator.`;
}

export interface Failure {
  /** The request field the server named, if any. */
  field: string | null;
  message: string;
  /** The error envelope's code, when the server sent one (e.g. `metadata_not_read`). */
  code?: string;
}

/** The message to show for a failed call; `action` names what was tried ("Sign-up"). */
export function failureOf(result: ApiResult<unknown>, action: string): Failure {
  if (result.kind === 'ok') return { field: null, message: '' };
  if (result.kind === 'unavailable' || isServiceMissing(result.status, result.error)) {
    return { field: null, message: unavailableMessage(result.status, action) };
  }
  return { field: result.error.field, message: result.error.message, code: result.error.code };
}

/** The `message` of a `{message}` answer, or a fallback. */
export function messageOf(data: unknown, fallback: string): string {
  const m = typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
  return typeof m === 'string' && m ? m : fallback;
}
