import { workspaceEntityName } from './workspaceEntityName';

describe('workspaceEntityName', () => {
  it.each([
    [{ cluster: 'aks', namespace: 'team-a', name: 'phi' }, 'aks-team-a-phi'],
    [{ cluster: 'AKS_prod', namespace: 'a', name: 'b' }, 'aks-prod-a-b'],
    [{ cluster: 'a', namespace: 'b', name: 'x'.repeat(70) }, expect.stringMatching(/^a-b-x{50}-[a-z0-9]{1,8}$/)],
  ])('names %o as %s, at most 63 characters', (ref, expected) => {
    const name = workspaceEntityName(ref);
    expect(name).toEqual(expected);
    expect(name.length).toBeLessThanOrEqual(63);
  });

  it('keeps long names unique', () => {
    const a = workspaceEntityName({ cluster: 'c', namespace: 'n', name: `${'x'.repeat(60)}a` });
    const b = workspaceEntityName({ cluster: 'c', namespace: 'n', name: `${'x'.repeat(60)}b` });
    expect(a).not.toBe(b);
  });
});
