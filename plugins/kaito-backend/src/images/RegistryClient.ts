import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { LRUCache } from 'lru-cache';
import { ImageReference, formatImageReference, parseImageReference } from './imageReference';

/** Credentials for one registry host. @internal */
export interface RegistryCredentials {
  username: string;
  password: string;
}

/** @internal */
export interface RegistryClientOptions {
  /** Registries reached over plain HTTP (e.g. `127.0.0.1:5000`). */
  insecureRegistries?: string[];
  /** Credentials by registry host. */
  credentials?: Record<string, RegistryCredentials>;
  /** How long a resolved digest is reused. @default 300000 (5 minutes) */
  cacheTtlMs?: number;
  /**
   * How many resolved digests are kept (images come from workspaces, so from users); the
   * least recently used goes first. @default 1000
   */
  cacheMaxEntries?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A tag resolved to the digest of its manifest. @internal */
export interface ResolvedImage {
  /** The reference as given, e.g. `mcr.microsoft.com/aks/kaito/kaito-base:0.5.0`. */
  image: string;
  digest: string;
  /** The same image pinned to the digest, what the workload should run. */
  pinned: string;
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** Parses `Bearer realm="…",service="…",scope="…"`. */
function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  for (const match of header.slice(space + 1).matchAll(/(\w+)="([^"]*)"/g)) {
    params[match[1]] = match[2];
  }
  return { scheme, params };
}

/**
 * Resolves image tags to manifest digests through the OCI distribution API
 * (`HEAD /v2/<repo>/manifests/<tag>`), anonymously or with credentials, and
 * follows the registry's Basic or Bearer-token challenge. Digests are cached
 * for a while; failures are not.
 *
 * @internal
 */
export class RegistryClient {
  readonly #options: RegistryClientOptions;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #cache: LRUCache<string, { digest: string; expiresAt: number }>;
  /** Bearer tokens by registry and repository scope, as many as there are repositories asked for. */
  readonly #tokens = new LRUCache<string, { token: string; expiresAt: number }>({ max: 256 });

  constructor(options: RegistryClientOptions = {}) {
    this.#options = options;
    this.#cache = new LRUCache({ max: options.cacheMaxEntries ?? 1000 });
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Resolves an image to its digest. Throws `NotFoundError` naming the image
   * when the tag or repository does not exist, `ServiceUnavailableError` when
   * the registry cannot be reached or refuses the credentials.
   */
  async resolve(image: string): Promise<ResolvedImage> {
    const ref = parseImageReference(image);
    if (ref.digest) {
      return { image, digest: ref.digest, pinned: formatImageReference(ref) };
    }
    const cached = this.#cache.get(image);
    if (cached && cached.expiresAt > this.#now()) {
      return { image, digest: cached.digest, pinned: formatImageReference({ ...ref, digest: cached.digest }) };
    }
    const digest = await this.#headManifest(ref, image);
    this.#cache.set(image, { digest, expiresAt: this.#now() + (this.#options.cacheTtlMs ?? 300_000) });
    return { image, digest, pinned: formatImageReference({ ...ref, digest }) };
  }

  #baseUrl(registry: string): string {
    const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
    const insecure = this.#options.insecureRegistries?.includes(registry) ?? false;
    return `${insecure ? 'http' : 'https'}://${host}`;
  }

  async #headManifest(ref: ImageReference, image: string): Promise<string> {
    const url = `${this.#baseUrl(ref.registry)}/v2/${ref.repository}/manifests/${ref.tag}`;
    const scope = `repository:${ref.repository}:pull`;
    let authorization = this.#cachedToken(ref.registry, scope);
    for (let attempt = 0; attempt < 2; attempt++) {
      let response: Response;
      try {
        response = await this.#fetch(url, {
          method: 'HEAD',
          headers: { Accept: MANIFEST_TYPES, ...(authorization ? { Authorization: authorization } : {}) },
        });
      } catch (error) {
        throw new ServiceUnavailableError(`Registry ${ref.registry} is unreachable while resolving ${image}: ${(error as Error).message}`);
      }
      if (response.ok) {
        const digest = response.headers.get('docker-content-digest');
        if (!digest) {
          throw new ServiceUnavailableError(`Registry ${ref.registry} returned no Docker-Content-Digest for ${image}`);
        }
        return digest;
      }
      if (response.status === 404) {
        throw new NotFoundError(
          `Image ${image} does not exist: registry ${ref.registry} has no manifest for tag '${ref.tag}' in ${ref.repository}`,
        );
      }
      if (response.status === 401 && attempt === 0) {
        const challenge = response.headers.get('www-authenticate');
        if (challenge) {
          authorization = await this.#answerChallenge(ref.registry, challenge, scope, image);
          continue;
        }
      }
      throw new ServiceUnavailableError(
        `Registry ${ref.registry} refused to resolve ${image}: HTTP ${response.status}${response.status === 401 ? ' (check the registry credentials or pull secret)' : ''}`,
      );
    }
    throw new ServiceUnavailableError(`Registry ${ref.registry} refused the credentials for ${image}`);
  }

  #cachedToken(registry: string, scope: string): string | undefined {
    const entry = this.#tokens.get(`${registry} ${scope}`);
    return entry && entry.expiresAt > this.#now() ? entry.token : undefined;
  }

  async #answerChallenge(registry: string, header: string, scope: string, image: string): Promise<string> {
    const credentials = this.#options.credentials?.[registry];
    const basic = credentials
      ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
      : undefined;
    const { scheme, params } = parseChallenge(header);
    if (scheme === 'basic') {
      if (!basic) {
        throw new ServiceUnavailableError(`Registry ${registry} needs credentials to resolve ${image}; add a pull secret for it`);
      }
      return basic;
    }
    if (scheme !== 'bearer' || !params.realm) {
      throw new ServiceUnavailableError(`Registry ${registry} asked for unsupported authentication '${header}'`);
    }
    const tokenUrl = new URL(params.realm);
    if (params.service) tokenUrl.searchParams.set('service', params.service);
    tokenUrl.searchParams.set('scope', params.scope ?? scope);
    const response = await this.#fetch(tokenUrl, { headers: basic ? { Authorization: basic } : {} });
    if (!response.ok) {
      throw new ServiceUnavailableError(
        `Registry ${registry} token service refused access to ${image}: HTTP ${response.status}`,
      );
    }
    const body = (await response.json()) as { token?: string; access_token?: string; expires_in?: number };
    const token = body.token ?? body.access_token;
    if (!token) throw new ServiceUnavailableError(`Registry ${registry} token service returned no token`);
    const authorization = `Bearer ${token}`;
    this.#tokens.set(`${registry} ${scope}`, {
      token: authorization,
      expiresAt: this.#now() + Math.max(0, (body.expires_in ?? 60) - 10) * 1000,
    });
    return authorization;
  }
}
