import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** Where a NUL character was found: the part of the request and the path to the value (or key) within it. */
export interface NulAt {
  in: 'url' | 'querystring' | 'params' | 'body' | 'multipart';
  path: string;
}

const maxDepth = 64;

/** The path of the first string (value or key) holding a NUL character, or null. PostgreSQL text cannot hold one. */
export function findNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (value === null || typeof value !== 'object' || path.length > maxDepth) return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '\\0')].join('.');
    const found = findNul(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

export function nulCharacter(at: NulAt): AppError {
  return new AppError('NUL_CHARACTER', { in: at.in, path: at.path });
}

function nulInRequest(request: FastifyRequest): NulAt | null {
  // The raw URL carries it percent-encoded (a literal NUL never gets past Node's HTTP parser).
  if (request.url.includes('%00')) return { in: 'url', path: '' };
  for (const part of ['querystring', 'params', 'body'] as const) {
    const value = part === 'querystring' ? request.query : part === 'params' ? request.params : request.body;
    const found = findNul(value);
    if (found !== null) return { in: part, path: found };
  }
  return null;
}

/**
 * Refuses a NUL character anywhere in a request — URL, query, path parameters, JSON strings and keys — with
 * 400 NUL_CHARACTER, for every route, before validation. (Multipart names are read by the route; readSingleUpload
 * checks them with `findNul`.)
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const at = nulInRequest(request);
    done(at ? nulCharacter(at) : undefined);
  });
}
