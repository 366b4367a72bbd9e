/**
 * Kubernetes `Status` error bodies, as the API server returns them.
 */

/** One field-level cause of an error. @public */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** A `metav1.Status` failure body. @public */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** An error the API answers with a `Status` body. @public */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: StatusBody['details'];

  constructor(code: number, reason: string, message: string, details?: StatusBody['details']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  /** The JSON body to send. */
  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) body.details = this.details;
    return body;
  }
}

/** Identifies the resource an error is about. @internal */
export interface ErrorTarget {
  group: string;
  /** The plural resource, e.g. `pods` or `workspaces`. */
  resource: string;
  name?: string;
}

function qualified(target: ErrorTarget): string {
  return target.group ? `${target.resource}.${target.group}` : target.resource;
}

function detailsOf(target: ErrorTarget) {
  return { name: target.name, group: target.group, kind: target.resource };
}

/** @internal */
export function notFound(target: ErrorTarget): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(target)} "${target.name ?? ''}" not found`, detailsOf(target));
}

/** @internal */
export function alreadyExists(target: ErrorTarget): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualified(target)} "${target.name}" already exists`, detailsOf(target));
}

/** @internal */
export function conflict(target: ErrorTarget, why: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(target)} "${target.name}": ${why}`,
    detailsOf(target),
  );
}

/** @internal */
export function staleResourceVersion(target: ErrorTarget): ApiError {
  return conflict(target, 'the object has been modified; please apply your changes to the latest version and try again');
}

/** 422 with one cause per field, as validation failures read. @internal */
export function invalid(target: ErrorTarget & { kind: string }, causes: StatusCause[]): ApiError {
  const kindGroup = target.group ? `${target.kind}.${target.group}` : target.kind;
  const list = causes.map(c => (c.field ? `${c.field}: ${c.message}` : `${c.message}`));
  const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${kindGroup} "${target.name ?? ''}" is invalid: ${summary}`, {
    name: target.name,
    group: target.group,
    kind: target.kind,
    causes,
  });
}

/** @internal */
export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** @internal */
export function methodNotAllowed(message = 'the server does not allow this method on the requested resource'): ApiError {
  return new ApiError(405, 'MethodNotAllowed', message);
}

/** @internal */
export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml; got ${contentType}`);
}

/** The status carried by the ERROR event of a watch whose resourceVersion is too old. @internal */
export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

/** @internal */
export function gone(message: string): ApiError {
  return new ApiError(410, 'Gone', message);
}

/** @internal */
export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

/** @internal */
export function tooManyRequests(message = 'storage is (re)initializing', retryAfterSeconds = 1): ApiError {
  return new ApiError(429, 'TooManyRequests', message, { retryAfterSeconds });
}

/** @internal */
export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
}

/** @internal */
export function serviceUnavailable(message: string): ApiError {
  return new ApiError(503, 'ServiceUnavailable', message);
}

/** @internal */
export function forbidden(target: ErrorTarget, why: string): ApiError {
  return new ApiError(403, 'Forbidden', `${qualified(target)} "${target.name ?? ''}" is forbidden: ${why}`, detailsOf(target));
}

/** Normalises any thrown value into an ApiError. @internal */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return internalError(error instanceof Error ? error.message : String(error));
}
