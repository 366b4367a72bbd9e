import { formatImageReference, parseImageReference } from './imageReference';

describe('parseImageReference', () => {
  it.each([
    ['mcr.microsoft.com/aks/kaito/kaito-base:0.5.0', { registry: 'mcr.microsoft.com', repository: 'aks/kaito/kaito-base', tag: '0.5.0' }],
    ['curlimages/curl', { registry: 'docker.io', repository: 'curlimages/curl', tag: 'latest' }],
    ['busybox', { registry: 'docker.io', repository: 'library/busybox', tag: 'latest' }],
    ['localhost:5000/adapters/phi:1', { registry: 'localhost:5000', repository: 'adapters/phi', tag: '1' }],
    ['127.0.0.1:5000/a', { registry: '127.0.0.1:5000', repository: 'a', tag: 'latest' }],
    [
      `ghcr.io/o/r:1@sha256:${'a'.repeat(64)}`,
      { registry: 'ghcr.io', repository: 'o/r', tag: '1', digest: `sha256:${'a'.repeat(64)}` },
    ],
    [`ghcr.io/o/r@sha256:${'b'.repeat(64)}`, { registry: 'ghcr.io', repository: 'o/r', digest: `sha256:${'b'.repeat(64)}` }],
  ])('parses %s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });

  it.each([
    ['ACR_REPO_HERE.azurecr.io/IMAGE_NAME_HERE:0.0.1', 'lower-case repository'],
    ['ghcr.io/o/r@sha256:short', 'invalid digest'],
    ['', 'is not a valid reference'],
  ])('rejects %s', (image, message) => {
    expect(() => parseImageReference(image)).toThrow(message);
  });

  it('formats a reference pinned to its digest', () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    expect(formatImageReference({ registry: 'r.io', repository: 'a/b', tag: '1', digest })).toBe(`r.io/a/b:1@${digest}`);
  });
});
