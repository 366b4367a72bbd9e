import { canonicalEntityRef, canonicalGroupRef } from './entityRefs';

describe('canonicalEntityRef', () => {
  it.each([
    ['group:default/ML-TEAM', 'group:default/ml-team'],
    ['Group:Default/ml-team', 'group:default/ml-team'],
    ['component:default/support-assistant', 'component:default/support-assistant'],
    ['group:ml-team', 'group:default/ml-team'],
  ])('reads %s as %s', (input, ref) => {
    expect(canonicalEntityRef(input)).toMatchObject({ ref });
  });

  it('takes the default kind for a spec.owner without one', () => {
    expect(canonicalEntityRef('ml-team', { kind: 'group', namespace: 'other' })).toMatchObject({ ref: 'group:other/ml-team' });
  });

  it.each([
    ['', /entity ref/],
    ['ml-team', /no kind/],
    ['group:default/', /invalid name/],
    ['group:default/ml team', /invalid name/],
    ['group:/ml-team', /invalid namespace/],
    [`group:default/${'.'.repeat(40_000)}`, /at most 330/],
  ])('refuses %j', (input, message) => {
    expect(canonicalEntityRef(input)).toEqual({ error: expect.stringMatching(message) });
  });
});

describe('canonicalGroupRef', () => {
  it('refuses a user as owner, saying a group is needed', () => {
    expect(canonicalGroupRef('user:default/guest')).toEqual({ error: expect.stringContaining('is a user, not a group') });
  });
  it('accepts another case of a group', () => {
    expect(canonicalGroupRef('GROUP:default/ML-Team')).toMatchObject({ kind: 'group', name: 'ml-team' });
  });
});
