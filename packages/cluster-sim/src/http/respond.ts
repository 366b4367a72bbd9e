import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, toApiError } from '../errors';
import { parseJsonNotingDuplicates } from './duplicateFields';
import { decodeProtobufBody, isProtobufMediaType } from './protobuf/decodeProtobufBody';

/** Sends a JSON body. @internal */
export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends an error as a Status body. @internal */
export function sendError(res: ServerResponse, error: unknown): void {
  const apiError = toApiError(error);
  if (res.headersSent) {
    res.end();
    return;
  }
  const headers: Record<string, string> = {};
  const retry = apiError.details?.retryAfterSeconds;
  if (retry) headers['Retry-After'] = String(retry);
  const text = JSON.stringify(apiError.toStatus());
  res.writeHead(apiError.code, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads the request body as text. @internal */
export async function readBody(req: IncomingMessage, limitBytes = 16 * 1024 * 1024): Promise<string> {
  return (await readRawBody(req, limitBytes)).toString('utf8');
}

/** Reads the request body's bytes (protobuf bodies are binary). @internal */
export function readRawBody(req: IncomingMessage, limitBytes = 16 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'request entity too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a JSON (or, for apply, YAML) body. @internal */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text.trim()) return undefined;
  try {
    if (contentType?.includes('yaml')) return parseYaml(text);
    return parseJsonNotingDuplicates(text);
  } catch (error) {
    throw badRequest(`the body of the request could not be decoded: ${(error as Error).message}`);
  }
}

/** Parses a request body by its Content-Type: Kubernetes protobuf, YAML (apply) or JSON. @internal */
export function parseRequestBody(raw: Buffer, contentType: string | undefined): unknown {
  if (isProtobufMediaType(contentType)) return raw.length ? decodeProtobufBody(raw) : undefined;
  return parseBody(raw.toString('utf8'), contentType);
}

/** A boolean query parameter. @internal */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value === 'true' || value === '1';
}

/** An integer query parameter. @internal */
export function queryInt(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw badRequest(`invalid value for ${name}: ${value}`);
  return n;
}

export { toApiError };
