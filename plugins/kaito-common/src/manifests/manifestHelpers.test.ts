import { createHash } from 'node:crypto';
import { computeWorkspaceHash } from './revisionHash';
import { mirrorImage } from './metadata';
import { nodeClaimName } from './renderNodeClaims';
import { nodePoolName } from './renderNodePool';
import { readinessTimeoutSeconds } from './probes';
import { formatFlags } from './commandLine';
import { renderTuningConfigMap, tuningConfigMapName } from './paramsTemplates';
import { Workspace } from '../api/workspace';

describe('readinessTimeoutSeconds', () => {
  it.each([
    [0, 30 * 60],
    [7.15, 30 * 60],
    [131.42, 15 * 60 + Math.round(18 * 131.42)],
    [400, 15 * 60 + 18 * 400],
    [641.3, 180 * 60],
    [10_000, 180 * 60],
  ])('gives %d GiB of weights %i seconds', (weights, expected) => {
    expect(readinessTimeoutSeconds(weights)).toBe(expected);
  });
});

describe('nodeClaimName', () => {
  it('is ws + 9 hex chars of sha256(namespace + name + seed), a valid AKS pool name', () => {
    const name = nodeClaimName('default', 'ws1', 'seed');
    expect(name).toMatch(/^[a-z][a-z0-9]{0,11}$/);
    expect(name).toBe(`ws${createHash('sha256').update('defaultws1seed').digest('hex').slice(0, 9)}`);
  });

  it('differs by workspace and by seed', () => {
    const names = new Set([nodeClaimName('a', 'b', 's'), nodeClaimName('a', 'c', 's'), nodeClaimName('a', 'b', 't')]);
    expect(names.size).toBe(3);
  });
});

describe('nodePoolName', () => {
  it('keeps short names as <namespace>-<name>', () => {
    expect(nodePoolName('team-a', 'ws-phi')).toBe('team-a-ws-phi');
  });

  it('cuts long names to 63 characters with a hash, keeping them distinct', () => {
    const a = nodePoolName('n'.repeat(40), `${'w'.repeat(30)}-a`);
    const b = nodePoolName('n'.repeat(40), `${'w'.repeat(30)}-b`);
    expect(a.length).toBeLessThanOrEqual(63);
    expect(a).toMatch(/^n+-w+-[0-9a-f]{9}$/);
    expect(a).not.toBe(b);
  });

  it('keeps the first 53 characters as they are, a trailing dash included, as Kaito v0.12 does', () => {
    const namespace = 'n'.repeat(52);
    const name = nodePoolName(namespace, 'ws-phi-with-a-long-name');
    const full = `${namespace}-ws-phi-with-a-long-name`;
    expect(name).toBe(`${'n'.repeat(52)}--${createHash('sha256').update(full).digest('hex').slice(0, 9)}`);
    expect(name).toHaveLength(63);
  });
});

describe('computeWorkspaceHash', () => {
  const ws = { resource: { instanceType: 'x', labelSelector: { matchLabels: { a: '1', b: '2' } } }, inference: { preset: { name: 'phi-4' } } };

  it('is a sha256 hex string that ignores key order', () => {
    const reordered = { inference: { preset: { name: 'phi-4' } }, resource: { labelSelector: { matchLabels: { b: '2', a: '1' } }, instanceType: 'x' } };
    expect(computeWorkspaceHash(ws)).toMatch(/^[0-9a-f]{64}$/);
    expect(computeWorkspaceHash(reordered)).toBe(computeWorkspaceHash(ws));
  });

  it('changes when the spec changes', () => {
    expect(computeWorkspaceHash({ ...ws, inference: { preset: { name: 'phi-4-mini-instruct' } } })).not.toBe(computeWorkspaceHash(ws));
  });
});

describe('mirrorImage', () => {
  const mirrors = [{ from: 'mcr.microsoft.com/', to: 'registry.local/mcr/' }];
  it.each([
    ['mcr.microsoft.com/aks/kaito/kaito-base:0.5.0', 'registry.local/mcr/aks/kaito/kaito-base:0.5.0'],
    ['ghcr.io/oras-project/oras:v1.2.2', 'ghcr.io/oras-project/oras:v1.2.2'],
  ])('maps %s to %s', (image, expected) => {
    expect(mirrorImage(image, mirrors)).toBe(expected);
  });
});

describe('formatFlags', () => {
  it('sorts flags and writes empty values as bare switches', () => {
    expect(formatFlags({ z: '1', a: '', m: 'x=y' })).toBe('--a --m=x=y --z=1');
  });
});

describe('tuning ConfigMap for a method in another case', () => {
  it('names and fills it from the lower-cased method', () => {
    const ws = {
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'tune', namespace: 'team-a' },
      resource: { labelSelector: {} },
      tuning: { preset: { name: 'phi-4' }, method: 'QLoRA', input: {}, output: {} },
    } as Workspace;
    expect(tuningConfigMapName(ws)).toBe('tune-qlora-params');
    expect(renderTuningConfigMap(ws, '1')?.data?.['training_config.yaml']).toContain('load_in_4bit');
  });
});
