import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import type { ClusterConfig } from '../../config';
import { readCluster } from '../../config';

/** Where the settings live, for error messages. */
export const KUBERNETES_PLUGIN_KEY = 'kaito.kubernetesPlugin';

/**
 * The Kaito settings of a cluster the Kubernetes plugin lists: what that
 * plugin's entries do not carry. Its URL, CA and credentials stay the
 * Kubernetes plugin's.
 */
const KAITO_SETTINGS = [
  'mode',
  'cloud',
  'provisioner',
  'nodeClassName',
  'nodeClassNames',
  'featureGates',
  'installCrds',
  'chatVia',
  'chatServiceUrl',
] as const;

/** Keys of a `kaito.clusters[]` entry that say how to reach a cluster: the Kubernetes plugin's job here. */
const CONNECTION_KEYS = [
  'type',
  'url',
  'authProvider',
  'serviceAccountToken',
  'caData',
  'caFile',
  'skipTLSVerify',
  'kubeconfigPath',
  'kubeconfigContext',
  'simulator',
];

/** `kaito.kubernetesPlugin`, checked. @internal */
export interface KubernetesPluginConfig {
  enabled: boolean;
  /** The plugin id the Kubernetes backend plugin is mounted under. */
  pluginId: string;
  /**
   * The clusters to take, each with its settings resolved; undefined: every
   * cluster the Kubernetes plugin lists, with {@link KubernetesPluginConfig.defaults}.
   */
  clusters?: ClusterConfig[];
  /** The Kaito settings of clusters not named in `clusters` (raw, already checked). */
  defaults: JsonObject;
  /** Auth providers (e.g. added by a Kubernetes plugin module) whose credential the proxy attaches itself. */
  serverSideAuthProviders: string[];
  /** How often to list the Kubernetes plugin's clusters again, to take new ones (all-clusters mode). */
  refreshIntervalMs: number;
}

function settingsOf(config: Config | undefined, at: string, extra: readonly string[] = []): JsonObject {
  const settings: JsonObject = {};
  for (const key of config?.keys() ?? []) {
    if (CONNECTION_KEYS.includes(key)) {
      throw new InputError(
        `${at}.${key}: how to reach the cluster is the Kubernetes plugin's to say (kubernetes.clusterLocatorMethods); remove '${key}' here, or list the cluster under kaito.clusters instead`,
      );
    }
    if (!(KAITO_SETTINGS as readonly string[]).includes(key) && !extra.includes(key)) {
      throw new InputError(`${at}.${key} is not a setting; use: ${[...extra, ...KAITO_SETTINGS].join(', ')}`);
    }
    settings[key] = config!.get(key);
  }
  return settings;
}

/**
 * A managed cluster for one of the Kubernetes plugin's clusters: its name
 * (and title) from that plugin, the Kaito settings from the defaults with the
 * cluster's own on top, checked like a `kaito.clusters[]` entry.
 *
 * @internal
 */
export function kubernetesPluginCluster(
  name: string,
  settings: JsonObject,
  at: string,
  title?: string,
): ClusterConfig {
  return readCluster(
    new ConfigReader({ ...settings, name, ...(title ? { title } : {}), type: 'kubernetesPlugin' }),
    0,
    at,
    ['kubernetesPlugin'],
  );
}

/**
 * Reads `kaito.kubernetesPlugin`: whether clusters come from the Kubernetes
 * plugin, which of them, and their Kaito settings. Throws an `InputError`
 * naming the key and the fix.
 *
 * @internal
 */
export function readKubernetesPluginConfig(kaito: Config | undefined): KubernetesPluginConfig {
  const block = kaito?.getOptionalConfig('kubernetesPlugin');
  const at = KUBERNETES_PLUGIN_KEY;
  const defaults = settingsOf(block?.getOptionalConfig('defaults'), `${at}.defaults`);
  // Checks the defaults once, even when no cluster is named yet.
  kubernetesPluginCluster('defaults', defaults, `${at}.defaults`);
  const refreshSeconds = block?.getOptionalNumber('refreshIntervalSeconds') ?? 300;
  if (!Number.isInteger(refreshSeconds) || refreshSeconds < 10) {
    throw new InputError(`${at}.refreshIntervalSeconds must be a whole number of seconds, at least 10; got ${refreshSeconds}`);
  }
  const entries = block?.getOptionalConfigArray('clusters');
  const clusters = entries?.map((entry, index) => {
    const where = `${at}.clusters[${index}]`;
    const name = entry.getString('name');
    const own = settingsOf(entry, where, ['name', 'title']);
    delete own.name;
    return kubernetesPluginCluster(name, { ...defaults, ...own }, where);
  });
  if (clusters && clusters.length === 0) {
    throw new InputError(`${at}.clusters is empty; name the clusters to take, or leave the key out to take all of them`);
  }
  return {
    enabled: block?.getOptionalBoolean('enabled') ?? false,
    pluginId: block?.getOptionalString('pluginId') ?? 'kubernetes',
    clusters,
    defaults,
    serverSideAuthProviders: block?.getOptionalStringArray('serverSideAuthProviders') ?? [],
    refreshIntervalMs: refreshSeconds * 1000,
  };
}
