import { Workspace } from '../api/workspace';
import { inferenceGpuResourceName, migTolerations } from './gpuResource';

const withResource = (resource: Workspace['resource']) => ({ resource });

describe('the GPU resource of the inference container (Kaito v0.12)', () => {
  it.each<[string, Workspace['resource'], string]>([
    ['a MIG profile in the spec ("mixed" strategy)', { labelSelector: { matchLabels: { pool: 'mig' } }, partition: { mode: 'mig', profile: '1g.10gb' } }, 'nvidia.com/mig-1g.10gb'],
    ['MIG without a profile (node-detected, "single" strategy)', { labelSelector: { matchLabels: { pool: 'mig' } }, partition: { mode: 'mig' } }, 'nvidia.com/gpu'],
    ['an accelerator partition (whole GPUs)', { labelSelector: { matchLabels: { pool: 'a' } }, partition: { mode: 'accelerator', count: 2 } }, 'nvidia.com/gpu'],
    ['no partition', { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'x' } } }, 'nvidia.com/gpu'],
  ])('%s: %s', (_case, resource, name) => {
    expect(inferenceGpuResourceName(withResource(resource))).toBe(name);
  });

  it('tolerates the taint named after a spec MIG profile, and no other', () => {
    expect(migTolerations(withResource({ labelSelector: {}, partition: { mode: 'mig', profile: '2g.24gb' } }))).toEqual([
      { key: 'nvidia.com/mig-2g.24gb', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(migTolerations(withResource({ labelSelector: {}, partition: { mode: 'mig' } }))).toEqual([]);
    expect(migTolerations(withResource({ labelSelector: {} }))).toEqual([]);
  });
});
