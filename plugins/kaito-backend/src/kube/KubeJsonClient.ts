import http from 'node:http';
import https from 'node:https';
import { ApiException, HttpMethod, KubeConfig, KubernetesObject, RequestContext, V1APIResource } from '@kubernetes/client-node';

/** How the controller's requests name themselves. */
const USER_AGENT = 'kaito-backstage-controller';

/** A request's query parameters; undefined ones are left out. */
export type KubeQuery = Record<string, string | number | boolean | undefined>;

/** A JSON request's query, body (sent as JSON) and content type (`application/json` unless a patch says otherwise). */
export interface KubeRequestOptions {
  query?: KubeQuery;
  body?: unknown;
  contentType?: string;
}

/** What an API group version serves, as its discovery document lists it. */
interface DiscoveredResources {
  resources: V1APIResource[];
}

/**
 * JSON requests to one cluster's API server: the controller's writes and reads.
 *
 * client-node's typed APIs pass every request and answer through their
 * ObjectSerializer, which walks the generated model field by field (a
 * StatefulSet's pod template, each managedFields entry) and turns dates into
 * `Date`s. The controller writes plain JSON it rendered itself and reads back
 * little more than metadata, and that walk cost more than the request: a
 * Service's create takes about twice the CPU through `KubernetesObjectApi`
 * as plain JSON (`yarn bench:requests`: 195 µs against 88 µs; an Event 168
 * against 92), about 10 requests per workspace. So this sends and
 * parses JSON as the API server speaks it. What a request depends on still
 * comes from client-node, per request as client-node does it: the server, the
 * credentials and TLS (`KubeConfig.applySecurityAuthentication`: tokens and
 * token files, exec plugins, client certificates, proxy agents, the kept
 * connections of `keepConnectionsAlive`). A kind's resource name comes from
 * API discovery, and a refusal is client-node's `ApiException`, body and all.
 *
 * @internal
 */
export class KubeJsonClient {
  readonly #kubeConfig: KubeConfig;
  /** The last discovery answer per apiVersion; asked again when a kind is missing (a CRD installed since). */
  readonly #discovered = new Map<string, DiscoveredResources>();
  /** Discovery asks in flight, per apiVersion. */
  readonly #asking = new Map<string, Promise<DiscoveredResources>>();

  constructor(kubeConfig: KubeConfig) {
    this.#kubeConfig = kubeConfig;
  }

  /**
   * The path of an object (`object`) or of the collection it is created in
   * (`collection`), as client-node's `KubernetesObjectApi` builds it: a
   * namespaced kind without a namespace goes in the context's namespace.
   */
  async pathOf(object: KubernetesObject, of: 'object' | 'collection'): Promise<string> {
    const apiVersion = object.apiVersion ?? 'v1';
    if (!object.kind) throw new Error('Required spec property kind is not set');
    const resource = await this.resourceOf(apiVersion, object.kind);
    const parts = [apiVersionPath(apiVersion)];
    if (resource.namespaced) parts.push('namespaces', encodeURIComponent(object.metadata?.namespace ?? this.#defaultNamespace()));
    parts.push(resource.name);
    if (of === 'object') {
      if (!object.metadata?.name) throw new Error('Required spec property name is not set');
      parts.push(encodeURIComponent(object.metadata.name));
    }
    return parts.join('/');
  }

  /** The resource that serves a kind (its plural and whether it is namespaced), from API discovery. */
  async resourceOf(apiVersion: string, kind: string): Promise<V1APIResource> {
    const find = (discovered: DiscoveredResources) => discovered.resources.find(r => r.kind === kind && !r.name.includes('/'));
    const known = this.#discovered.get(apiVersion);
    const hit = known && find(known);
    if (hit) return hit;
    // One ask at a time per apiVersion, shared by everyone waiting; a failed one leaves the last good answer in place.
    let asking = this.#asking.get(apiVersion);
    if (!asking) {
      asking = this.request<DiscoveredResources>('GET', apiVersionPath(apiVersion)).then(discovered => {
        this.#discovered.set(apiVersion, discovered);
        return discovered;
      });
      const done = () => this.#asking.delete(apiVersion);
      asking.then(done, done);
      this.#asking.set(apiVersion, asking);
    }
    const discovered = await asking.catch(error => {
      // Each caller's own message, naming its kind (the error object is shared by everyone waiting).
      throw Object.assign(new Error(`Failed to fetch resource metadata for ${apiVersion}/${kind}: ${error.message}`), {
        code: error.code,
        body: error.body,
        cause: error,
      });
    });
    const resource = find(discovered);
    if (!resource) throw new Error(`Unrecognized API version and kind: ${apiVersion} ${kind}`);
    return resource;
  }

  /** A JSON request; resolves with the parsed answer (undefined when it has no body). */
  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: KubeRequestOptions = {}): Promise<T> {
    const text = await this.#sendJson(method, path, options);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * A request whose answer is not needed (a child created, an Event): it is
   * not parsed, which for a StatefulSet's create is most of what the answer costs.
   */
  async send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: KubeRequestOptions = {}): Promise<void> {
    await this.#sendJson(method, path, options);
  }

  /** A GET whose answer is plain text (a container's log). */
  async requestText(path: string, query?: KubeQuery): Promise<string> {
    return this.#send('GET', path, query, undefined, undefined);
  }

  #defaultNamespace(): string {
    const context = this.#kubeConfig.getContextObject(this.#kubeConfig.getCurrentContext());
    return context?.namespace ?? 'default';
  }

  #sendJson(method: string, path: string, { query, body, contentType = 'application/json' }: KubeRequestOptions): Promise<string> {
    return this.#send(method, path, query, body === undefined ? undefined : JSON.stringify(body), contentType);
  }

  async #send(method: string, path: string, query: KubeQuery | undefined, body: string | undefined, contentType: string | undefined): Promise<string> {
    const server = this.#kubeConfig.getCurrentCluster()?.server;
    if (!server) throw new Error('No active cluster!');
    const url = new URL(`${server.replace(/\/$/, '')}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const context = new RequestContext(url.toString(), method as HttpMethod);
    context.setHeaderParam('Accept', 'application/json, */*;q=0.8');
    // Named in the API server's audit log and metrics (client-node's fetch sent node-fetch's).
    context.setHeaderParam('User-Agent', USER_AGENT);
    if (body !== undefined) context.setHeaderParam('Content-Type', contentType!);
    await this.#kubeConfig.applySecurityAuthentication(context);
    const headers = context.getHeaders();
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const agent = context.getAgent() as http.Agent | undefined;
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<string>((resolve, reject) => {
      const req = transport.request(url, { method, headers, agent }, res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          // Nothing asks for compression; a proxy in front of the API server that compresses anyway is named, not misparsed.
          const encoding = res.headers['content-encoding'];
          if (encoding && encoding !== 'identity') {
            reject(new Error(`${method} ${url.pathname}: the answer came ${encoding}-encoded, which was not asked for; check the proxy in front of the API server`));
            return;
          }
          const text = Buffer.concat(chunks).toString('utf8');
          const code = res.statusCode ?? 0;
          if (code >= 200 && code <= 299) resolve(text);
          // As client-node reports a refusal: the code, and the body as the server sent it.
          else reject(new ApiException(code, 'Unsuccessful HTTP Request', text, res.headers as Record<string, string>));
        });
      });
      // A network failure names the request, keeping its code (ECONNREFUSED…) for errors.ts.
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(Object.assign(new Error(`${method} ${url.origin}${url.pathname} failed: ${error.message}`), { code: error.code, cause: error })),
      );
      req.end(body);
    });
  }
}

/** `/api/v1` or `/apis/<group>/<version>`. */
function apiVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
