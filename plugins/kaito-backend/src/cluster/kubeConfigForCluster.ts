import { KubeConfig } from '@kubernetes/client-node';
import { InputError } from '@backstage/errors';
import { ClusterConfig } from '../config';

/**
 * Builds the client configuration of a `type: config` cluster from its
 * entry: a bearer token with URL and CA, the pod's own service account, or a
 * kubeconfig file.
 *
 * @internal
 */
export function kubeConfigForCluster(cluster: ClusterConfig): KubeConfig {
  const kc = new KubeConfig();
  switch (cluster.authProvider) {
    case 'inCluster':
      kc.loadFromCluster();
      return kc;
    case 'kubeconfig':
      if (cluster.kubeconfigPath) kc.loadFromFile(cluster.kubeconfigPath);
      else kc.loadFromDefault();
      if (cluster.kubeconfigContext) {
        if (!kc.getContextObject(cluster.kubeconfigContext)) {
          throw new InputError(
            `kaito cluster '${cluster.name}': context '${cluster.kubeconfigContext}' is not in the kubeconfig; it has: ${kc
              .getContexts()
              .map(c => c.name)
              .join(', ')}`,
          );
        }
        kc.setCurrentContext(cluster.kubeconfigContext);
      }
      return kc;
    default:
      kc.loadFromOptions({
        clusters: [
          {
            name: cluster.name,
            server: cluster.url!,
            caData: cluster.caData,
            caFile: cluster.caFile,
            skipTLSVerify: cluster.skipTLSVerify,
          },
        ],
        users: [{ name: cluster.name, token: cluster.serviceAccountToken }],
        contexts: [{ name: cluster.name, cluster: cluster.name, user: cluster.name }],
        currentContext: cluster.name,
      });
      return kc;
  }
}

/** Client configuration from a kubeconfig document (e.g. the simulator's). @internal */
export function kubeConfigFromYaml(yaml: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(yaml);
  return kc;
}
