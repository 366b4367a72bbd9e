import { InputError } from '@backstage/errors';

/** An image reference split into its parts. @internal */
export interface ImageReference {
  /** Registry host[:port], e.g. `mcr.microsoft.com` or `docker.io`. */
  registry: string;
  /** Repository path, e.g. `aks/kaito/kaito-base`. */
  repository: string;
  tag?: string;
  digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-f0-9]{32,}$/;

/**
 * Splits `[registry/]repository[:tag][@digest]` the way Docker does: the first
 * path part is a registry only if it has a `.` or `:` or is `localhost`;
 * otherwise the image is on Docker Hub (`library/` for single names).
 *
 * @internal
 */
export function parseImageReference(image: string): ImageReference {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) {
      throw new InputError(`Image '${image}' has an invalid digest '${digest}'`);
    }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const firstSlash = rest.indexOf('/');
  const first = firstSlash >= 0 ? rest.slice(0, firstSlash) : '';
  const hasRegistry =
    firstSlash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first : 'docker.io';
  let repository = hasRegistry ? rest.slice(firstSlash + 1) : rest;
  if (registry === 'docker.io' && !repository.includes('/')) {
    repository = `library/${repository}`;
  }
  if (registry === 'index.docker.io') registry = 'docker.io';
  if (!repository || !/^[a-z0-9]+(?:(?:[._]|__|-+|\/)[a-z0-9]+)*$/.test(repository)) {
    throw new InputError(
      `Image '${image}' is not a valid reference; expected [registry/]repository[:tag][@digest] with a lower-case repository`,
    );
  }
  if (!tag && !digest) tag = 'latest';
  return { registry, repository, tag, digest };
}

/** Formats a reference, pinned to its digest when it has one. @internal */
export function formatImageReference(ref: ImageReference): string {
  const base = `${ref.registry}/${ref.repository}`;
  return `${base}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
