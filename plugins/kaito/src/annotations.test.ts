import { Entity } from '@backstage/catalog-model';
import { isKaitoWorkspaceAvailable } from './annotations';

const entityWith = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'support-bot', annotations },
  spec: {},
});

describe('isKaitoWorkspaceAvailable', () => {
  it.each([
    ['no annotations', undefined, false],
    ['an unrelated annotation', { 'backstage.io/techdocs-ref': 'dir:.' }, false],
    ['a blank workspace annotation', { 'kaito.sh/workspace': '  ' }, false],
    ['a workspace annotation', { 'kaito.sh/workspace': 'local/default/phi' }, true],
  ])('is %s → %s', (_, annotations, expected) => {
    expect(isKaitoWorkspaceAvailable(entityWith(annotations))).toBe(expected);
  });
});
