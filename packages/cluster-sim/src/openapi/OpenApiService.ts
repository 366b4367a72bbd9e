/**
 * Serves `/openapi/v3` (the index of group versions, each with a `serverRelativeURL` carrying the
 * document's hash), `/openapi/v3/{api/v1 | apis/group/version}` and `/openapi/v2`, kept current as
 * CRDs come and go. As the API server does: a request with the current hash is cacheable for good, one with
 * a stale hash is redirected to the current one, and ETag / If-None-Match work.
 */
import { createHash } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, methodNotAllowed } from '../errors';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { ResourceType } from '../registry/ResourceType';
import { groupVersionDocument, groupVersionPath } from './groupVersionDocument';
import { encodeSwaggerProtobuf, OPENAPI_V2_PROTOBUF, OPENAPI_V2_PROTOBUF_ACCEPTED, swaggerDocument } from './openApiV2';

interface CachedDocument {
  types: ResourceType[];
  body: string;
  hash: string;
}

const INDEX_PATH = '/openapi/v3';

function notFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

/** The OpenAPI v3 endpoints of one simulated API server. @internal */
export class OpenApiService {
  private readonly cache = new Map<string, CachedDocument>();
  private v2?: { types: ResourceType[]; json: string; hash: string; protobuf?: Buffer };

  constructor(
    private readonly registry: ResourceRegistry,
    private readonly serverVersion: string,
  ) {}

  /** Whether a path is one this service answers. */
  static handles(pathname: string): boolean {
    return pathname === INDEX_PATH || pathname.startsWith(`${INDEX_PATH}/`) || pathname === '/openapi/v2';
  }

  /** Every served group version, with its current document. */
  documents(): Map<string, CachedDocument> {
    const byPath = new Map<string, ResourceType[]>();
    for (const type of this.registry.all()) {
      for (const version of type.versions) {
        const path = groupVersionPath(type.group, version);
        byPath.set(path, [...(byPath.get(path) ?? []), type]);
      }
    }
    const current = new Map<string, CachedDocument>();
    for (const [path, types] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
      const cached = this.cache.get(path);
      if (cached && cached.types.length === types.length && cached.types.every((t, i) => t === types[i])) {
        current.set(path, cached);
        continue;
      }
      const [, group, version] = path.startsWith('api/') ? ['', '', path.slice(4)] : path.match(/^apis\/(.+)\/([^/]+)$/)!;
      const body = JSON.stringify(groupVersionDocument(types, group, version, this.serverVersion));
      const document = { types, body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() };
      this.cache.set(path, document);
      current.set(path, document);
    }
    for (const path of [...this.cache.keys()]) if (!current.has(path)) this.cache.delete(path);
    return current;
  }

  /** Answers one request under `/openapi`. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed();
    const pathname = url.pathname.replace(/\/+$/, '');
    if (pathname === '/openapi/v2') {
      this.serveV2(req, res);
      return;
    }
    const documents = this.documents();
    if (pathname === INDEX_PATH) {
      const paths = Object.fromEntries(
        [...documents].map(([path, doc]) => [path, { serverRelativeURL: `${INDEX_PATH}/${path}?hash=${doc.hash}` }]),
      );
      this.send(req, res, JSON.stringify({ paths }), { 'Cache-Control': 'no-cache, private' });
      return;
    }
    const document = documents.get(pathname.slice(INDEX_PATH.length + 1));
    if (!document) throw notFound();
    const hash = url.searchParams.get('hash');
    if (hash !== null && hash !== document.hash) {
      res.writeHead(301, { Location: `${pathname}?hash=${document.hash}`, 'Cache-Control': 'no-cache, private' });
      res.end();
      return;
    }
    const etag = `"${document.hash}"`;
    const caching = hash === null ? 'no-cache, private' : 'public, immutable, max-age=31536000';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag, 'Cache-Control': caching });
      res.end();
      return;
    }
    this.send(req, res, document.body, { ETag: etag, 'Cache-Control': caching });
  }

  /** The v2 document, in protobuf when asked for (as kubectl does), else JSON; rebuilt when the kinds change. */
  private serveV2(req: IncomingMessage, res: ServerResponse): void {
    const types = this.registry.all();
    const cached = this.v2;
    if (!cached || cached.types.length !== types.length || !cached.types.every((t, i) => t === types[i])) {
      const json = JSON.stringify(swaggerDocument(types, this.serverVersion));
      this.v2 = { types, json, hash: createHash('sha512').update(json).digest('hex').toUpperCase() };
    }
    const v2 = this.v2!;
    const accept = String(req.headers.accept ?? '');
    const protobuf = OPENAPI_V2_PROTOBUF_ACCEPTED.some(type => accept.includes(type));
    const etag = `"${v2.hash}${protobuf ? '-pb' : ''}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      return;
    }
    if (protobuf) {
      v2.protobuf ??= encodeSwaggerProtobuf(JSON.parse(v2.json));
      this.send(req, res, v2.protobuf, { ETag: etag, 'Cache-Control': 'no-cache, private' }, OPENAPI_V2_PROTOBUF);
      return;
    }
    this.send(req, res, v2.json, { ETag: etag, 'Cache-Control': 'no-cache, private' });
  }

  private send(req: IncomingMessage, res: ServerResponse, body: string | Buffer, headers: Record<string, string>, contentType = 'application/json'): void {
    res.writeHead(200, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
