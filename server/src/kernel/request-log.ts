import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Config } from './config.js';
import { unmatchedRoute, type Metrics } from './metrics.js';

/**
 * The log: one JSON object a line (pino, Fastify's logger), each line of a request carrying its id (`reqId`).
 * Personal data never goes in: a request is logged by method, route pattern (`/api/v1/members/:id`, never the URL —
 * query strings carry phones and names), status and time; no headers (the bearer token), no bodies; errors keep
 * their type, message and stack with query parameters and anything shaped like a phone or ID number taken out.
 */

/** Where log lines go (a writable stream, or anything with `write`); stdout by default. */
export interface LogDestination {
  write(line: string): void;
}

/** A request id a client or proxy may choose (nginx's `$request_id` is 32 hex digits): short, and safe to log. */
const acceptedRequestId = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The request's id: the caller's `X-Request-Id` when it is short and plain, else a new UUID. */
export function requestId(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && acceptedRequestId.test(sent) ? sent : crypto.randomUUID();
}

/** The route pattern a request matched, or one label for all that matched none (logs and metrics stay bounded). */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions?.url ?? unmatchedRoute;
}

// Mobile numbers as people write them: 13912345678, +86 139 1234 5678, 139-1234-5678.
const phoneLike = /(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d){8}(?!\d)/g;
const idNumberLike = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
// Drizzle's failed-query message ends with the statement's parameters (the values written or searched for).
const queryParams = /\nparams: [\s\S]*?(?=\n {4}at |$)/g;

/** Free text from an error (message, stack) without query parameters, phones or ID numbers. */
export function scrubErrorText(text: string): string {
  return text
    .replace(queryParams, '\nparams: [not logged]')
    .replace(idNumberLike, '[id-number]')
    .replace(phoneLike, '[phone]');
}

// Fields of driver errors that name the place, never the values (PostgreSQL's `detail` quotes the row: left out).
const safeErrorFields = ['code', 'statusCode', 'constraint', 'table', 'column', 'routine', 'severity'] as const;

/** An error for the log: type, message, stack, code and cause (three deep), with no values of the data. */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubErrorText(String(error)) };
  const fields = error as Error & Record<string, unknown>;
  const out: Record<string, unknown> = {
    type: error.constructor?.name ?? error.name,
    message: scrubErrorText(error.message),
    stack: scrubErrorText(error.stack ?? ''),
  };
  for (const key of safeErrorFields) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  if (error.cause !== undefined && depth < 3) out.cause = serializeError(error.cause, depth + 1);
  if (error instanceof AggregateError && depth < 3)
    out.errors = (error.errors as unknown[]).slice(0, 5).map((e) => serializeError(e, depth + 1));
  return out;
}

/** Fastify's `logger` options: level, serializers without personal data, redaction as a second guard. */
export function loggerOptions(config: Config, destination?: LogDestination): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(destination ? { stream: destination } : {}),
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers: {
      req: (req) => ({ method: req.method, route: routeOf(req as FastifyRequest) }),
      res: (reply) => ({ statusCode: reply.statusCode }),
      err: (error) =>
        serializeError(error) as ReturnType<typeof serializeError> & { type: string; message: string; stack: string },
    },
    // A second guard for what a library logs (@fastify/multipart logs busboy's options, headers and all, at trace).
    redact: {
      paths: [
        'headers',
        '*.headers',
        'authorization',
        '*.authorization',
        'body',
        '*.body',
        'password',
        '*.password',
        'phone',
        '*.phone',
        'idNumber',
        '*.idNumber',
      ],
      censor: '[not logged]',
    },
  };
}

/**
 * Fastify's own request log lines, made safe: one line when a request completes (method, route pattern, status,
 * time) and none when it arrives; nothing of the URL, headers or body. Lines go at `info` (LOG_LEVEL=info in
 * production shows every request; warn, the default outside production, shows none).
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // The serializers above write them: the method and route pattern, the status.
    const line = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ err: error }, 'request failed');
    else reply.log.debug({ code: (error as { code?: unknown }).code }, 'request refused');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'route not found');
  }

  override writeHeadError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ err: error }, 'writing the response headers failed');
  }
}

/** Answers every request with its id (`X-Request-Id`) and counts it by route pattern and status in the metrics. */
export function registerRequestObservability(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const labels = { method: request.method, route: routeOf(request) };
    metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
