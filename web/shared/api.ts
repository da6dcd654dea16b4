import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';

/**
 * The one HTTP client of both web apps: openapi-fetch typed by the server's own OpenAPI document
 * (api-schema.d.ts, `npm run gen:api`), with the bearer token, Accept-Language and the API's error shape.
 */
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

export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** What a call answers on success (its 200, else its 201), as the server's schema declares it. */
export type ApiData<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer OK }
      ? Json<OK>
      : R extends { 201: infer Created }
        ? Json<Created>
        : never
    : never;

/** The JSON body a call takes. */
export type ApiBody<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** One element of a listed page. */
export type ApiItem<P extends ApiPath> = ApiData<P> extends { items: (infer I)[] } ? I : never;

/** The `Idempotency-Key` header of a write the API may see twice (a retried submit): the same key, the same answer. */
export const idempotent = (key: string) => ({ headers: { 'idempotency-key': key } });

/** The data of a call that succeeded (failures already threw ApiError in the middleware); undefined for a 204. */
export async function ok<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

async function errorOf(res: Response): Promise<ApiError> {
  let payload: { error?: { code?: string; message?: string; details?: Record<string, unknown> } } = {};
  try {
    payload = await res.clone().json();
  } catch {
    /* not JSON: keep the status */
  }
  return new ApiError(
    res.status,
    payload.error?.code ?? 'HTTP_' + res.status,
    payload.error?.message ?? res.statusText,
    payload.error?.details ?? {},
  );
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

  function headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { 'accept-language': document.documentElement.lang || 'zh-CN', ...extra };
    if (token) h.authorization = `Bearer ${token}`;
    return h;
  }

  /** A failed answer becomes an ApiError; a 401 on a signed-in call ends the session. */
  async function check(res: Response): Promise<Response> {
    if (res.ok) return res;
    if (res.status === 401 && token) setToken(null);
    throw await errorOf(res);
  }

  const session: Middleware = {
    onRequest({ request }) {
      for (const [name, value] of Object.entries(headers()))
        if (!request.headers.has(name)) request.headers.set(name, value);
      return request;
    },
    async onResponse({ response }) {
      return check(response);
    },
  };

  const client = createClient<paths>({ baseUrl: window.location.origin });
  client.use(session);

  /** Calls the openapi-fetch client cannot type: multipart uploads and files behind the token. */
  async function raw(method: string, path: string, body?: FormData, signal?: AbortSignal): Promise<Response> {
    return check(await fetch(path, { method, headers: headers(), body, signal }));
  }

  /** A multipart upload (a photo, an attachment, an import); answers the API's JSON. */
  async function upload<T>(path: ApiPath | string, form: FormData): Promise<T> {
    return (await (await raw('POST', path, form)).json()) as T;
  }

  /** A file the API serves behind the bearer token, to show in the page (an image, a PDF viewer). */
  async function blob(path: string, signal?: AbortSignal): Promise<Blob> {
    return (await raw('GET', path, undefined, signal)).blob();
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
    GET: client.GET,
    POST: client.POST,
    PUT: client.PUT,
    PATCH: client.PATCH,
    DELETE: client.DELETE,
    upload,
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

/** `attachmentIds.2` → `attachmentIds`: an element of a list is labelled as the list. */
export const basePath = (path: string) =>
  path
    .split('.')
    .filter((p) => !/^\d+$/.test(p))
    .join('.');

/**
 * The one convention for server field errors (VALIDATION_FAILED issues[].path) on a form: the message of the
 * first issue of each field the form has, keyed by its name. Both apps use it (antd-mobile forms and antd's
 * Form.setFields); paths the form does not know stay in the summary message.
 */
export function fieldErrors(error: unknown, fields: Iterable<string>): Record<string, string> {
  const known = new Set(fields);
  const out: Record<string, string> = {};
  for (const issue of fieldIssues(error)) {
    const path = basePath(issue.path);
    if (known.has(path) && !out[path]) out[path] = issue.message;
  }
  return out;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
