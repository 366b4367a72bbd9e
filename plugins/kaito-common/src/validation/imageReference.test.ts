import { isValidImageReference } from './imageReference';

describe('isValidImageReference', () => {
  it.each([
    ['mcr.microsoft.com/aks/kaito/kaito-base:0.5.0', true],
    ['myacr.azurecr.io/adapters/phi-3:0.0.1', true],
    ['localhost:5000/a/b', true],
    ['busybox', true],
    [`ghcr.io/org/img@sha256:${'a'.repeat(64)}`, true],
    ['ACR_REPO_HERE.azurecr.io/IMAGE_NAME_HERE:0.0.1', false],
    ['x.io/Upper:1', false],
    ['x.io/a:', false],
    ['has space:1', false],
    ['', false],
  ])('%j is valid: %s', (image, expected) => {
    expect(isValidImageReference(image)).toBe(expected);
  });
});
