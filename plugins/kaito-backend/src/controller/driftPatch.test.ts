import { driftPatch } from './driftPatch';

describe('driftPatch', () => {
  it.each<[string, unknown, unknown, unknown]>([
    ['identical objects', { a: 1 }, { a: 1 }, undefined],
    ['server defaults beside the desired fields', { a: 1, clusterIP: '10.0.0.7' }, { a: 1 }, undefined],
    ['a changed scalar', { spec: { replicas: 3, x: 1 } }, { spec: { replicas: 1 } }, { spec: { replicas: 1 } }],
    ['a removed nested key', { spec: {} }, { spec: { selector: { app: 'a' } } }, { spec: { selector: { app: 'a' } } }],
    [
      'a container edited by hand',
      { containers: [{ name: 'c', image: 'evil', terminationMessagePath: '/dev/t' }] },
      { containers: [{ name: 'c', image: 'good' }] },
      { containers: [{ name: 'c', image: 'good' }] },
    ],
    [
      'defaults inside array elements',
      { containers: [{ name: 'c', image: 'good', imagePullPolicy: 'IfNotPresent' }] },
      { containers: [{ name: 'c', image: 'good' }] },
      undefined,
    ],
    ['an extra array element', { tolerations: [{ key: 'a' }, { key: 'b' }] }, { tolerations: [{ key: 'a' }] }, { tolerations: [{ key: 'a' }] }],
    ['quantities as string and number', { limits: { 'nvidia.com/gpu': '1' } }, { limits: { 'nvidia.com/gpu': 1 } }, undefined],
  ])('with %s', (_, observed, desired, expected) => {
    expect(driftPatch(observed, desired)).toEqual(expected);
  });
});
