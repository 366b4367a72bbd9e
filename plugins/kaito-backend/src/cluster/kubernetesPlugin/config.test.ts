import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readKaitoConfig } from '../../config';

const read = (kaito: JsonObject) => readKaitoConfig(new ConfigReader({ kaito }));

describe('kaito.kubernetesPlugin', () => {
  it('is off unless enabled, and then manages no cluster until the Kubernetes plugin lists some', () => {
    expect(read({}).kubernetesPlugin).toMatchObject({ enabled: false, pluginId: 'kubernetes', clusters: undefined, refreshIntervalMs: 300_000 });
    const config = read({ kubernetesPlugin: { enabled: true } });
    expect(config.clusters).toEqual([]);
    expect(config.kubernetesPlugin.enabled).toBe(true);
  });

  it('takes the named clusters, each with its own settings over the defaults', () => {
    const config = read({
      kubernetesPlugin: {
        enabled: true,
        defaults: { mode: 'observe', cloud: 'aws', provisioner: 'karpenter' },
        clusters: [{ name: 'eks-prod' }, { name: 'aks-gpu', title: 'AKS GPU', cloud: 'azure', provisioner: 'gpu-provisioner', mode: 'builtin' }],
      },
    });
    expect(config.clusters).toEqual([
      expect.objectContaining({ name: 'eks-prod', title: 'eks-prod', type: 'kubernetesPlugin', mode: 'observe', cloud: 'aws', provisioner: 'karpenter' }),
      expect.objectContaining({ name: 'aks-gpu', title: 'AKS GPU', type: 'kubernetesPlugin', mode: 'builtin', cloud: 'azure', provisioner: 'gpu-provisioner' }),
    ]);
  });

  it('sits beside kaito.clusters, and refuses a name used by both', () => {
    const own = { name: 'aks-prod', url: 'https://aks.example.com', serviceAccountToken: 't' };
    expect(read({ clusters: [own], kubernetesPlugin: { enabled: true, clusters: [{ name: 'eks' }] } }).clusters.map(c => c.type)).toEqual([
      'config',
      'kubernetesPlugin',
    ]);
    expect(() => read({ clusters: [own], kubernetesPlugin: { enabled: true, clusters: [{ name: 'aks-prod' }] } })).toThrow(
      "kaito.clusters: the name 'aks-prod' is used twice (kaito.clusters and kaito.kubernetesPlugin.clusters together); cluster names must be unique",
    );
  });

  it.each([
    [{ defaults: { url: 'https://x' } }, "kaito.kubernetesPlugin.defaults.url: how to reach the cluster is the Kubernetes plugin's to say"],
    [{ clusters: [{ name: 'a', serviceAccountToken: 't' }] }, "kaito.kubernetesPlugin.clusters[0].serviceAccountToken: how to reach the cluster is the Kubernetes plugin's to say"],
    [{ defaults: { moed: 'observe' } }, 'kaito.kubernetesPlugin.defaults.moed is not a setting; use: mode, cloud,'],
    [{ defaults: { mode: 'watch' } }, "Invalid config kaito.kubernetesPlugin.defaults.mode 'watch'; use one of: builtin, observe"],
    [{ clusters: [{ name: 'b', provisioner: 'nodepool' }] }, "Invalid config kaito.kubernetesPlugin.clusters[0].provisioner 'nodepool'; use one of: gpu-provisioner, karpenter, byo"],
    [{ clusters: [{ name: 'Prod_1' }] }, "kaito.kubernetesPlugin.clusters[0] (Prod_1): name must be lowercase letters, digits and '-'"],
    [{ clusters: [] }, 'kaito.kubernetesPlugin.clusters is empty; name the clusters to take, or leave the key out to take all of them'],
    [{ refreshIntervalSeconds: 1 }, 'kaito.kubernetesPlugin.refreshIntervalSeconds must be a whole number of seconds, at least 10; got 1'],
  ])('refuses %j with a clear error', (block, message) => {
    expect(() => read({ kubernetesPlugin: { enabled: true, ...block } })).toThrow(message);
  });
});
