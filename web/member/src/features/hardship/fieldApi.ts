import { useCallback, useEffect, useState } from 'react';
import { ApiError, createApi, ok, type ApiData } from '../../../../shared/api';

/**
 * The field worker's session in the member app (帮扶调查员: a staff account with role assistance_worker, signed in
 * with username and password). Its token is kept apart from a member's (`su.field.token`): a volunteer may also be a
 * member on the same phone, and signing one out must not sign out the other.
 */
export const fieldApi = createApi('su.field.token');

export type FieldWorker = Extract<ApiData<'/api/v1/me'>, { kind: 'staff' }>['staff'];

/** Who signed in last on this device: the field pages open offline, where GET /api/v1/me cannot answer. */
const meKey = 'su.field.me';

export function cachedWorker(): FieldWorker | null {
  if (!fieldApi.token) return null;
  try {
    const raw = JSON.parse(localStorage.getItem(meKey) ?? 'null') as FieldWorker | null;
    return raw && typeof raw.id === 'string' && typeof raw.username === 'string' && raw.org ? raw : null;
  } catch {
    return null;
  }
}

export function rememberWorker(worker: FieldWorker | null): void {
  if (worker) localStorage.setItem(meKey, JSON.stringify(worker));
  else localStorage.removeItem(meKey);
}

/** A call the generated client cannot type (the hardship routes it does not know yet, a keyed write): JSON in and out. */
export async function fieldCall<T>(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; form?: FormData; idempotencyKey?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': document.documentElement.lang || 'zh-CN' };
  if (fieldApi.token) headers.authorization = `Bearer ${fieldApi.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    signal: options.signal,
  });
  if (!res.ok) {
    let payload: { error?: { code?: string; message?: string; details?: Record<string, unknown> } } = {};
    try {
      payload = (await res.json()) as typeof payload;
    } catch {
      /* not JSON: keep the status */
    }
    if (res.status === 401 && fieldApi.token) fieldApi.setToken(null);
    throw new ApiError(
      res.status,
      payload.error?.code ?? 'HTTP_' + res.status,
      payload.error?.message ?? res.statusText,
      payload.error?.details ?? {},
    );
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export async function fieldSignIn(username: string, password: string): Promise<FieldWorker> {
  const res = await ok(fieldApi.POST('/api/v1/auth/staff-login', { body: { username, password } }));
  rememberWorker(res.staff);
  fieldApi.setToken(res.token);
  return res.staff;
}

export async function fieldSignOut(): Promise<void> {
  try {
    await fieldApi.POST('/api/v1/auth/logout');
  } catch {
    // Offline or already ended: the token is forgotten on this device either way.
  } finally {
    rememberWorker(null);
    fieldApi.setToken(null);
  }
}

/**
 * The signed-in field worker: the one remembered on this device at once (offline too), confirmed by GET /api/v1/me
 * when the network answers; a 401 (the session ended) signs out, a lost connection keeps the remembered one.
 */
export function useFieldWorker(): { worker: FieldWorker | null; signOut(): Promise<void> } {
  const [worker, setWorker] = useState<FieldWorker | null>(cachedWorker);
  useEffect(() => {
    const controller = new AbortController();
    const check = async () => {
      if (!fieldApi.token) {
        setWorker(null);
        return;
      }
      try {
        const me = await ok(fieldApi.GET('/api/v1/me', { signal: controller.signal }));
        const next = me.kind === 'staff' ? me.staff : null;
        rememberWorker(next);
        setWorker(next);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) setWorker(null);
      }
    };
    void check();
    const off = fieldApi.onTokenChange(() => setWorker(cachedWorker()));
    return () => {
      controller.abort();
      off();
    };
  }, []);
  const signOut = useCallback(fieldSignOut, []);
  return { worker, signOut };
}
