import { parseCreateWorkspaceRequest, parseFitRequest } from './requestSchemas';

const good = { cluster: 'local', namespace: 'default', name: 'phi', preset: 'phi-4', instanceType: 'Standard_NC24ads_A100_v4', owner: 'group:default/ml-team' };

describe('parseCreateWorkspaceRequest', () => {
  it('accepts a complete request', () => {
    expect(parseCreateWorkspaceRequest(good)).toEqual({ ok: true, request: good });
  });

  it.each<[string, object, string[]]>([
    ['a bad name and namespace', { ...good, name: 'Phi_4', namespace: 'Team A' }, ['namespace', 'name']],
    ['a missing owner', { ...good, owner: undefined }, ['owner']],
    ['an owner that is not an entity ref', { ...good, owner: 'ml-team' }, ['owner']],
    ['an unknown field', { ...good, replicas: 3 }, ['(body)']],
    ['a bad tuning method', { ...good, tuning: { method: 'full', outputImage: 'a', outputImagePushSecret: 's' } }, ['tuning.method']],
  ])('reports %s with field paths', (_, body, paths) => {
    const result = parseCreateWorkspaceRequest(body);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map(i => i.path)).toEqual(paths);
  });
});

describe('parseFitRequest', () => {
  it('requires a cluster and a preset', () => {
    const result = parseFitRequest({});
    expect(result.ok ? [] : result.issues.map(i => i.path)).toEqual(['cluster', 'preset']);
  });
});
