import {
  KAITO_WORKSPACE_ANNOTATION,
  LEGACY_KAITO_WORKSPACE_ANNOTATION,
  readWorkspaceAnnotation,
} from './workspaceAnnotation';

describe('readWorkspaceAnnotation', () => {
  it('uses our own prefix, not Kaito\'s label key', () => {
    expect(KAITO_WORKSPACE_ANNOTATION).toBe('backstage.kaito.sh/workspace');
    expect(LEGACY_KAITO_WORKSPACE_ANNOTATION).toBe('kaito.sh/workspace');
  });

  it.each([
    ['no annotations', undefined, undefined],
    ['an unrelated annotation', { 'backstage.io/techdocs-ref': 'dir:.' }, undefined],
    ['the current key', { 'backstage.kaito.sh/workspace': 'local/default/phi' }, 'local/default/phi'],
    ['the legacy key of an old entity', { 'kaito.sh/workspace': 'local/default/old' }, 'local/default/old'],
    [
      'both keys: the current one wins',
      { 'backstage.kaito.sh/workspace': 'local/default/new', 'kaito.sh/workspace': 'local/default/old' },
      'local/default/new',
    ],
    [
      'a blank current key beside a legacy one',
      { 'backstage.kaito.sh/workspace': '  ', 'kaito.sh/workspace': 'local/default/old' },
      'local/default/old',
    ],
    ['blank values only', { 'backstage.kaito.sh/workspace': ' ', 'kaito.sh/workspace': '' }, undefined],
    ['surrounding spaces', { 'backstage.kaito.sh/workspace': ' local/default/phi ' }, 'local/default/phi'],
  ])('reads %s', (_, annotations, expected) => {
    expect(readWorkspaceAnnotation(annotations)).toBe(expected);
  });
});
