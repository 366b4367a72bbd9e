import { Entity } from '@backstage/catalog-model';
import {
  getAnnotatedWorkspaceKey,
  isKaitoWorkspaceAvailable,
} from './annotations';

const entityWith = (
  kind: string,
  annotations?: Record<string, string>,
  relations?: Entity['relations'],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'support-bot', annotations },
  spec: {},
  relations,
});

describe('isKaitoWorkspaceAvailable', () => {
  it.each([
    ['no annotations', 'Component', undefined, undefined, false],
    [
      'an unrelated annotation',
      'Component',
      { 'backstage.io/techdocs-ref': 'dir:.' },
      undefined,
      false,
    ],
    [
      'a blank workspace annotation',
      'Resource',
      { 'backstage.kaito.sh/workspace': '  ' },
      undefined,
      false,
    ],
    [
      'the current annotation key',
      'Resource',
      { 'backstage.kaito.sh/workspace': 'local/default/phi' },
      undefined,
      true,
    ],
    [
      'the legacy key of an old entity',
      'Component',
      { 'kaito.sh/workspace': 'local/default/phi' },
      undefined,
      true,
    ],
    [
      'a served Component (hasLlmWorkspace relation)',
      'Component',
      undefined,
      [{ type: 'hasLlmWorkspace', targetRef: 'resource:default/local-default-phi' }],
      true,
    ],
    [
      'a Component that only depends on some Resource',
      'Component',
      undefined,
      [{ type: 'dependsOn', targetRef: 'resource:default/orders-db' }],
      false,
    ],
    ['an API without either', 'API', undefined, undefined, false],
  ])('is %s on a %s → %s', (_, kind, annotations, relations, expected) => {
    expect(
      isKaitoWorkspaceAvailable(entityWith(kind, annotations, relations)),
    ).toBe(expected);
  });
});

describe('getAnnotatedWorkspaceKey', () => {
  it('prefers the current key to the legacy one', () => {
    expect(
      getAnnotatedWorkspaceKey(
        entityWith('Component', {
          'kaito.sh/workspace': 'local/default/old',
          'backstage.kaito.sh/workspace': 'local/default/new',
        }),
      ),
    ).toBe('local/default/new');
  });

  it('reads the legacy key alone', () => {
    expect(
      getAnnotatedWorkspaceKey(
        entityWith('Component', { 'kaito.sh/workspace': 'local/default/old' }),
      ),
    ).toBe('local/default/old');
  });
});
