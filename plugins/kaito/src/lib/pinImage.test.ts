import { pinImage } from './pinImage';

describe('pinImage', () => {
  it.each([
    [
      'mcr.microsoft.com/aks/kaito/kaito-base:0.2.0',
      'mcr.microsoft.com/aks/kaito/kaito-base@sha256:abc',
    ],
    [
      'localhost:5000/adapters/phi:v1',
      'localhost:5000/adapters/phi@sha256:abc',
    ],
    ['localhost:5000/adapters/phi', 'localhost:5000/adapters/phi@sha256:abc'],
    ['busybox@sha256:old', 'busybox@sha256:abc'],
  ])('pins %s', (image, expected) => {
    expect(pinImage(image, 'sha256:abc')).toBe(expected);
  });
});
