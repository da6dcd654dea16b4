/** The one HTTP client of both web apps: bearer token, Accept-Language, the API's error shape. */
export interface ApiIssue {
  path: string;
  /** Where the field was: `body`, `querystring`, `params`. */
  in?: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { issues?: ApiIssue[]; retryAfterSeconds?: number } & Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function createApi(storageKey: string) {
  let token: string | null = localStorage.getItem(storageKey);
  const listeners = new Set<() => void>();

  function setToken(next: string | null) {
    token = next;
    if (next) localStorage.setItem(storageKey, next);
    else localStorage.removeItem(storageKey);
    listeners.forEach((l) => l());
  }

  async function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = { method, headers: { 'accept-language': document.documentElement.lang || 'zh-CN', ...headers } };
    if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    if (res.ok) return res;
    let payload: { error?: { code?: string; message?: string; details?: Record<string, unknown> } } = {};
    try {
      payload = await res.json();
    } catch {
      /* not JSON: keep the status */
    }
    if (res.status === 401 && token) setToken(null);
    throw new ApiError(res.status, payload.error?.code ?? 'HTTP_' + res.status, payload.error?.message ?? res.statusText, payload.error?.details ?? {});
  }

  async function request<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const res = await raw(method, path, body, headers);
    return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
  }

  /** A file the API serves behind the bearer token, to show in the page (an image, a PDF viewer). */
  async function blob(path: string): Promise<Blob> {
    return (await raw('GET', path)).blob();
  }

  /** Downloads a file the API serves behind the bearer token. */
  async function download(path: string, fileName: string): Promise<void> {
    const res = await raw('GET', path);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return {
    get token() {
      return token;
    },
    setToken,
    onTokenChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
    patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
    download,
    blob,
  };
}

export type Api = ReturnType<typeof createApi>;

/** The message to show for a failed call: field issues first, then the API's message. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const issues = error.details.issues;
    if (issues && issues.length > 0) return issues.map((i) => `${i.path}: ${i.message}`).join('；');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The field issues of a VALIDATION_FAILED answer (none for any other error). */
export function fieldIssues(error: unknown): ApiIssue[] {
  return error instanceof ApiError ? (error.details.issues ?? []) : [];
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
