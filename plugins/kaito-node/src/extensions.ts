import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * Connects clusters of a custom `type` (for example the embedded simulator):
 * given the cluster's name and its raw config entry, returns a kubeconfig
 * document the controller uses exactly as for a real cluster.
 *
 * @public
 */
export interface KaitoClusterConnector {
  /** The `type` value of `kaito.clusters[]` entries this connector serves. */
  type: string;
  connect(cluster: {
    name: string;
    options: Record<string, unknown>;
    /**
     * Namespaces the portal expects to exist (its leader-election Lease's);
     * a simulated cluster creates them, as an admin applying the shipped
     * manifests would on a real one.
     */
    namespaces?: string[];
  }): Promise<{ kubeconfig: string; close?: () => Promise<void> }>;
}

/** @public */
export interface KaitoClustersExtensionPoint {
  addClusterConnector(connector: KaitoClusterConnector): void;
}

/**
 * Lets backend modules connect cluster types the plugin does not know.
 *
 * @public
 */
export const kaitoClustersExtensionPoint =
  createExtensionPoint<KaitoClustersExtensionPoint>({
    id: 'kaito.clusters',
  });
