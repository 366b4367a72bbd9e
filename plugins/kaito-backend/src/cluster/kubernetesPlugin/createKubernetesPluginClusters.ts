import { AuthService, DiscoveryService, LifecycleService } from '@backstage/backend-plugin-api';
import { KubernetesPluginConfig } from './config';
import { KubernetesPluginClient } from './KubernetesPluginClient';
import { KubernetesPluginClusters } from './KubernetesPluginClusters';

/**
 * The clusters of `kaito.kubernetesPlugin` for the plugin's init, or
 * undefined when it is off. They connect once the backend has started, when
 * the Kubernetes plugin's routes answer.
 *
 * @internal
 */
export function createKubernetesPluginClusters(
  config: KubernetesPluginConfig,
  services: { auth: AuthService; discovery: DiscoveryService; lifecycle: LifecycleService },
): KubernetesPluginClusters | undefined {
  if (!config.enabled) return undefined;
  const started = new Promise<void>(resolve => services.lifecycle.addStartupHook(() => resolve()));
  const client = new KubernetesPluginClient({ auth: services.auth, discovery: services.discovery, pluginId: config.pluginId });
  return new KubernetesPluginClusters(client, config, started);
}
