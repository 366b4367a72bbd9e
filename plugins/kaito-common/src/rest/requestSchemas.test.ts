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

  const long = (n: number) => 'a'.repeat(n);
  it.each<[string, object, string]>([
    ['an owner of 40,000 dots', { ...good, owner: `group:default/${'.'.repeat(40_000)}x` }, 'owner'],
    ['a long entity ref', { ...good, entityRef: `component:default/${long(250)}` }, 'entityRef'],
    ['a long cluster', { ...good, cluster: long(64) }, 'cluster'],
    ['a long preset', { ...good, preset: long(256) }, 'preset'],
    ['a long instance type', { ...good, instanceType: long(256) }, 'instanceType'],
    ['a long model access secret', { ...good, modelAccessSecret: long(254) }, 'modelAccessSecret'],
    ['a long inference config', { ...good, inferenceConfig: long(254) }, 'inferenceConfig'],
    ['a long selector value', { ...good, nodeSelector: { pool: long(64) } }, 'nodeSelector.pool'],
    ['a long adapter image', { ...good, adapters: [{ name: 'a', image: long(1025) }] }, 'adapters.0.image'],
    ['a long adapter strength', { ...good, adapters: [{ name: 'a', image: 'i', strength: long(33) }] }, 'adapters.0.strength'],
    ['a long tuning URL', { ...good, tuning: { method: 'lora', inputUrls: [`https://example.com/${long(2040)}`], outputImage: 'o', outputImagePushSecret: 's' } }, 'tuning.inputUrls.0'],
    ['a long output image', { ...good, tuning: { method: 'lora', outputImage: long(1025), outputImagePushSecret: 's' } }, 'tuning.outputImage'],
  ])('refuses %s, saying how long it may be', (_, body, path) => {
    const result = parseCreateWorkspaceRequest(body);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toEqual([expect.objectContaining({ path, message: expect.stringMatching(/at most \d+ characters/) })]);
  });

  it.each<[string, object, string]>([
    ['17 adapters', { ...good, adapters: Array.from({ length: 17 }, (_, i) => ({ name: `a${i}`, image: 'i' })) }, 'adapters'],
    ['101 tuning URLs', { ...good, tuning: { method: 'lora', inputUrls: Array(101).fill('https://example.com/d'), outputImage: 'o', outputImagePushSecret: 's' } }, 'tuning.inputUrls'],
    ['33 selector entries', { ...good, nodeSelector: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v'])) }, 'nodeSelector'],
  ])('refuses %s', (_, body, path) => {
    const result = parseCreateWorkspaceRequest(body);
    expect(result.ok ? [] : result.issues.map(i => i.path)).toEqual([path]);
  });

  it('accepts every field at its bound', () => {
    const body = {
      ...good,
      cluster: long(63),
      preset: long(255),
      owner: `group:default/${long(255 - 'group:default/'.length)}`,
      modelAccessSecret: long(253),
      nodeSelector: { [long(317)]: long(63) },
      adapters: [{ name: 'a', image: long(1024), strength: '0.5', imagePullSecrets: [long(253)] }],
    };
    expect(parseCreateWorkspaceRequest(body)).toEqual({ ok: true, request: body });
  });
});

describe('parseFitRequest', () => {
  it('requires a cluster and a preset', () => {
    const result = parseFitRequest({});
    expect(result.ok ? [] : result.issues.map(i => i.path)).toEqual(['cluster', 'preset']);
  });

  it('refuses an owner that is not a bounded entity ref', () => {
    const result = parseFitRequest({ cluster: 'local', preset: 'phi-4', owner: `group:default/${'.'.repeat(40_000)}x` });
    expect(result.ok ? [] : result.issues.map(i => i.path)).toEqual(['owner']);
  });
});
