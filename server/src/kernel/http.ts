import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchema,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { resolveToken, type Principal } from './auth.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { AppError, errorStatus, validationFailed, type ErrorCode, type FieldIssue } from './errors.js';
import { errorMessages, issueMessage, issueMessages, pickLocale, type Locale } from './i18n/messages.js';
import { findNul, nulCharacter } from './input-guard.js';
import {
  loggerOptions,
  registerRequestObservability,
  requestId,
  RequestLogController,
  type LogDestination,
} from './request-log.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /** Every route as "METHOD /url", for the authorisation sweep and the OpenAPI coverage test. */
    routeList: string[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    bearerToken: string | null;
    locale: Locale;
  }
}

export type App = FastifyInstance;
export type ZodApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

export function errorBody(code: ErrorCode, locale: Locale, details?: Record<string, unknown>) {
  return { error: { code, message: errorMessages[code][locale], ...(details ? { details } : {}) } };
}

function fieldPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
}

/** What the request held at an issue's place (`body`, `querystring`, `params`), to tell a left-out field from a wrong one. */
function sentValue(request: FastifyRequest, where: string | undefined, instancePath: string): unknown {
  let value: unknown =
    where === 'body'
      ? request.body
      : where === 'querystring'
        ? request.query
        : where === 'params'
          ? request.params
          : undefined;
  for (const key of instancePath.split('/').filter(Boolean)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function validationIssues(error: FastifyError, request: FastifyRequest): FieldIssue[] {
  const locale = request.locale;
  const where = (error as FastifyError & { validationContext?: string }).validationContext;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return error.validation.map((v) => {
      const params = v.params as { keys?: string[] };
      const sent = sentValue(request, where, v.instancePath);
      // Left out, or left blank, is "required" to the person filling the form, whatever the field's rule.
      const missing =
        v.instancePath !== '' &&
        (sent === undefined || (typeof sent === 'string' && sent.trim() === '' && v.keyword === 'too_small'));
      // Refinements carry their issue code as the message ("invalid_phone").
      const custom = v.keyword === 'custom' && v.message !== undefined && issueMessages[v.message] !== undefined;
      const code = custom ? v.message! : missing ? 'required' : v.keyword;
      const path = fieldPath(v.instancePath) || (params.keys?.join(',') ?? '');
      return { path, in: where, code, message: issueMessage(code, locale, v.message) };
    });
  }
  return (error.validation ?? []).map((v) => ({
    path: fieldPath(v.instancePath),
    code: v.keyword,
    message: issueMessage(v.keyword, locale, v.message),
  }));
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  const locale = request.locale ?? 'zh-CN';
  const details = error.details?.issues
    ? {
        ...error.details,
        issues: (error.details.issues as FieldIssue[]).map((i) => ({
          ...i,
          message: issueMessage(i.code, locale, i.message),
        })),
      }
    : error.details;
  if (error.headers) void reply.headers(error.headers);
  return reply.status(error.status).send(errorBody(error.code, locale, details));
}

/** The PostgreSQL error behind a failed query (Drizzle wraps the driver's error as its `cause`). */
function postgresError(error: unknown): { code: string; detail?: string; column?: string } | null {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 3;
    e = e.cause as typeof e, depth++
  )
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
      return e as { code: string; detail?: string; column?: string };
  return null;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Database refusals that only bad input can cause, as 4xx: a reference to nothing (23503), a value too long (22001)
 * or out of range (22003), a check (23514), a character the database cannot store (22021). Ids are checked by the
 * schemas (uuid), so a malformed one (22P02) never gets here; if it does, it is a bug and stays a 500.
 */
export function databaseInputError(error: unknown): AppError | null {
  const pg = postgresError(error);
  if (!pg) return null;
  const column = /^Key \(([a-z_]+)\)/.exec(pg.detail ?? '')?.[1] ?? pg.column;
  const path = column ? camel(column) : '';
  switch (pg.code) {
    case '23503':
      // Deleting or re-pointing something still referenced is a conflict; naming something that is not there, bad input.
      if (/still referenced/.test(pg.detail ?? '')) return new AppError('CONFLICT');
      return validationFailed([{ path, code: 'not_in_scope', message: '' }]);
    case '22001':
    case '22003':
      return validationFailed([{ path, code: 'too_big', message: '' }]);
    case '23514':
      return validationFailed([{ path, code: 'invalid', message: '' }]);
    case '22007':
    case '22008':
      // A date the schema let through but the database cannot hold (year 0000, 5-digit years).
      return validationFailed([{ path, code: 'invalid_date', message: '' }]);
    case '22021':
      return new AppError('NUL_CHARACTER', { in: 'body', path });
    default:
      return null;
  }
}

/** Maps whatever was thrown to the API's error shape; only real faults become 500. */
function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { code?: string };
  if (e.validation) return new AppError('VALIDATION_FAILED', { issues: validationIssues(e, request) });
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new AppError('PAYLOAD_TOO_LARGE', { maxBytes: request.routeOptions.bodyLimit });
  // Multipart: a file over the route's limit, or more files, fields or parts than one upload has.
  if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415)
    return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (e.code === 'FST_ERR_RATE_LIMITED' || e.statusCode === 429) return new AppError('RATE_LIMITED');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return new AppError('BAD_REQUEST', { reason: e.message });
  return databaseInputError(error) ?? new AppError('INTERNAL');
}

/**
 * The most a JSON (or text) body may hold, on every route unless the route sets its own `bodyLimit`. The largest
 * legitimate bodies fit with room to spare even with every character sent as a \uXXXX escape: a case filing (5000
 * characters of description, ≈ 33 KB) and a year's calendar (120 days, ≈ 46 KB). Files come as multipart, read by
 * `readSingleUpload` with the limit of their kind.
 */
export const jsonBodyLimit = 64 * 1024;

/**
 * The Fastify instance and its logger, made first: the app context logs with it (`ctx.log`). The log is JSON lines
 * with a request id and no personal data (kernel/request-log.ts); `logDestination` replaces stdout (tests read it).
 */
export function createHttp(config: Config, logDestination?: LogDestination): App {
  return Fastify({
    logger: loggerOptions(config, logDestination),
    logController: new RequestLogController(),
    genReqId: requestId,
    bodyLimit: jsonBodyLimit,
    // X-Forwarded-For only from the configured proxies: anyone else could pick the address that per-address limits count.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    ajv: { customOptions: { coerceTypes: false } },
  });
}

/** Validation, the error shape, bearer authentication and the OpenAPI document, on the instance of `createHttp`. */
export async function setUpHttp(app: App, ctx: AppContext): Promise<App> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  registerRequestObservability(app, ctx.metrics);
  const routeList: string[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') routeList.push(`${m} ${route.url}`);
  });
  app.decorateRequest('principal', null);
  app.decorateRequest('bearerToken', null);
  app.decorateRequest('locale', 'zh-CN');

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Smart Union API',
        description: '智慧工会 — the public HTTP API v1. Errors: {"error": {"code", "message", "details"}}.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const authenticate = async (request: FastifyRequest, header: string): Promise<void> => {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED');
    request.bearerToken = match[1]!;
    request.principal = await resolveToken(ctx.db, ctx.sessions, match[1]!, ctx.config, ctx.clock.now());
    // A token that no longer works is an error even on public routes: the client must sign in again.
    if (!request.principal) throw new AppError('UNAUTHENTICATED');
  };
  // Callback style: a request without a token (every public map query) passes without a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    request.locale = pickLocale(request.headers['accept-language']);
    const header = request.headers.authorization;
    if (!header || !request.url.startsWith('/api/v1/')) {
      done();
      return;
    }
    authenticate(request, header).then(() => done(), done);
  });

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error, request);
    // A fault is logged with its stack; a refusal (4xx) by its code only: its details may hold what was sent.
    if (appError.status >= 500) request.log.error({ err: error, code: appError.code }, 'unhandled error');
    else request.log.debug({ code: appError.code }, 'request refused');
    return sendError(reply, request, appError);
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  return app;
}

/**
 * Sends JSON (text, or its UTF-8 bytes) a route built itself (for a hot route whose answer is mostly pre-serialised):
 * Fastify passes a string with a JSON content type (or a Buffer) through without serialising it again, so the
 * route's tests must check its shape against the declared response schema instead.
 */
export function sendJsonText(reply: FastifyReply, json: string | Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

export function zodRoutes(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

export { errorStatus };

/** The request's Idempotency-Key header, if it has one (kernel/idempotency.ts checks and keeps it). */
export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

/**
 * POST `url` taking one file (multipart/form-data, field `file`, `maxBytes` at most; the photo, evidence and document
 * uploads that forms cite later by id): `caller` says who may upload (401/403 before a byte is read), `store` keeps the
 * file for them; 201 with `reply`.
 */
export function uploadRoute<P, R extends z.ZodType>(
  app: FastifyInstance,
  url: string,
  spec: { tags: string[]; description: string; reply: R; maxBytes: number; caller(principal: Principal | null): P },
  store: (caller: P, read: () => Promise<{ fileName: string; bytes: Buffer }>) => Promise<z.output<R>>,
): void {
  // The schema as Fastify's plain type (a generic reply schema is beyond the zod type provider's types): `store`'s type
  // holds the reply to the schema, and the schema's serializer checks it at run time as on every route.
  const schema: FastifySchema = {
    tags: spec.tags,
    description: spec.description,
    consumes: ['multipart/form-data'],
    response: { 201: spec.reply },
  };
  app.post(url, { schema }, async (req, reply) => {
    const caller = spec.caller(req.principal);
    return reply.status(201).send(await store(caller, () => readSingleUpload(req, spec.maxBytes)));
  });
}

/** The one file of a multipart/form-data request, read whole; 415 when not multipart, 400 without a file. */
export async function readSingleUpload(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'file', code: 'required', message: '' }] });
  const names = { fileName: file.filename, fieldName: file.fieldname, fields: Object.keys(file.fields) };
  const nul = findNul(names);
  if (nul !== null) throw nulCharacter({ in: 'multipart', path: nul });
  try {
    return { fileName: file.filename, bytes: await file.toBuffer() };
  } catch (error) {
    // The limit of this kind of file (evidence, photo, spreadsheet), read as it streams in: not one byte more is kept.
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes });
    throw error;
  }
}
