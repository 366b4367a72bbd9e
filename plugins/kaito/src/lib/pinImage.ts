/**
 * The image reference pinned to a digest: `registry:5000/repo@sha256:…`,
 * dropping any tag or older digest (a registry port is kept).
 *
 * @internal
 */
export function pinImage(image: string, digest: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const tagColon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository =
    tagColon < 0 ? withoutDigest : withoutDigest.slice(0, tagColon);
  return `${repository}@${digest}`;
}
