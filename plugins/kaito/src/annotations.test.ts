import { Entity } from '@backstage/catalog-model';
import { isKaitoTabAvailable, isKaitoWorkspaceAvailable } from './annotations';

const entityWith = (
  kind: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'support-bot', annotations },
  spec: {},
});

describe('isKaitoWorkspaceAvailable', () => {
  it.each([
    ['no annotations', undefined, false],
    [
      'an unrelated annotation',
      { 'backstage.io/techdocs-ref': 'dir:.' },
      false,
    ],
    ['a blank workspace annotation', { 'kaito.sh/workspace': '  ' }, false],
    [
      'a workspace annotation',
      { 'kaito.sh/workspace': 'local/default/phi' },
      true,
    ],
  ])('is %s → %s', (_, annotations, expected) => {
    expect(isKaitoWorkspaceAvailable(entityWith('Resource', annotations))).toBe(
      expected,
    );
  });
});

describe('isKaitoTabAvailable', () => {
  it.each([
    [
      'a Resource with the annotation: shown',
      'Resource',
      { 'kaito.sh/workspace': 'local/default/phi' },
      true,
    ],
    ['a Resource without it: hidden', 'Resource', undefined, false],
    [
      'a Component without it: shown, workspaces may serve it',
      'Component',
      undefined,
      true,
    ],
    ['an API without it: hidden', 'API', undefined, false],
  ])('decides for %s', (_, kind, annotations, expected) => {
    expect(isKaitoTabAvailable(entityWith(kind, annotations))).toBe(expected);
  });
});
