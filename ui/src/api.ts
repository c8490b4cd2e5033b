/** The error envelope every Sightline API answers with. */
export interface ApiError {
  code: string;
  message: string;
  field: string | null;
}

export type ApiResult<T> =
  /** 2xx with a JSON body. */
  | { kind: 'ok'; status: number; data: T }
  /** The server answered with a well-formed error envelope. */
  | { kind: 'error'; status: number; error: ApiError }
  /** No usable answer: network failure (status null), or a body that is not our JSON. */
  | { kind: 'unavailable'; status: number | null };

function asApiError(body: unknown): ApiError | null {
  if (typeof body !== 'object' || body === null) return null;
  const err = (body as { error?: unknown }).error;
  if (typeof err !== 'object' || err === null) return null;
  const { code, message, field } = err as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return { code, message, field: typeof field === 'string' ? field : null };
}

/**
 * POSTs JSON and sorts the answer into ok / error envelope / unavailable.
 * It never throws, and never hands raw bodies (HTML error pages, stack traces) to the UI.
 */
export async function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { kind: 'unavailable', status: null };
  }

  const status = response.status;
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
