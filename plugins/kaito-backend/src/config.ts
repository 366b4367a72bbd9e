import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DEFAULT_CONTROLLER_NAMESPACE, KaitoCatalog, canonicalGroupRef, parseKaitoCatalog, readWorkspacesPath } from '@kaito-backstage/plugin-kaito-common';
import { PlacementConfig, readPlacementConfig } from './service/placement';
import { KubernetesPluginConfig, readKubernetesPluginConfig } from './cluster/kubernetesPlugin/config';

/** Options of the embedded cluster simulator. @internal */
export interface SimulatorClusterOptions {
  port: number;
  snapshotPath?: string;
  provisioningDelayMs: number;
  modelLoadMs: number;
  instanceTypeFailures: Record<string, 'QuotaExceeded' | 'InsufficientCapacity'>;
}

/** One configured cluster, with defaults applied. @internal */
export interface ClusterConfig {
  name: string;
  title: string;
  /** `kubernetesPlugin`: reached through the Kubernetes plugin's proxy (kaito.kubernetesPlugin). */
  type: 'config' | 'simulator' | 'kubernetesPlugin';
  url?: string;
  authProvider: 'serviceAccount' | 'inCluster' | 'kubeconfig';
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  kubeconfigPath?: string;
  kubeconfigContext?: string;
  /**
   * `builtin`: this portal reconciles workspaces; `observe`: a Kaito operator does. With
   * `detectMode` the cluster manager decides it when the cluster connects, before anything else.
   */
  mode: 'builtin' | 'observe';
  /** `kaito.clusters[].mode` is unset: look for a Kaito operator (found: observe, none: builtin). */
  detectMode?: boolean;
  cloud: 'azure' | 'aws' | 'arc';
  provisioner: 'gpu-provisioner' | 'karpenter' | 'byo';
  nodeClassName: string;
  /**
   * Karpenter: the NodeClasses a workspace may pick with `kaito.sh/node-class-name`, as
   * Kaito's `--karpenter-node-classes` lists them; `nodeClassName` is the default among them.
   */
  nodeClassNames?: string[];
  /** Kaito's feature gates on this cluster that change what is valid (partitions). */
  featureGates?: { enableMIG?: boolean; enableAccelerator?: boolean };
  installCrds: boolean;
  /**
   * How chat reaches a workspace's Service: through the API server's service
   * proxy, or straight to the Service's in-cluster URL (the portal runs in
   * that cluster), built from `chatServiceUrl` with {name}, {namespace}, {port}.
   */
  chatVia: 'apiServerProxy' | 'serviceUrl';
  chatServiceUrl: string;
  simulator: SimulatorClusterOptions;
}

/** The `kaito.*` configuration, read once at start-up. @internal */
export interface KaitoConfig {
  clusters: ClusterConfig[];
  /** Clusters taken from the Kubernetes plugin (those it names are in `clusters` too). */
  kubernetesPlugin: KubernetesPluginConfig;
  controller: {
    workers: number;
    /** Seconds after a tuning Job succeeded before its NodeClaims are deleted; undefined: never. */
    releaseTuningNodesAfterSeconds?: number;
    leaderElection: {
      enabled: boolean;
      namespace: string;
      leaseName: string;
      leaseDurationSeconds: number;
      renewDeadlineSeconds: number;
    };
  };
  images: {
    presetRegistry: string;
    baseImageTag: string;
    mirrors: Array<{ from: string; to: string }>;
    imagePullSecrets: string[];
    /** Resolve tags to digests through the registries and pin them. */
    resolveDigests: boolean;
    /** Registries reached over plain HTTP. */
    insecureRegistries: string[];
  };
  /** Custom SKUs and presets, and prices per SKU and hour. */
  catalog: KaitoCatalog;
  /** Quotas by canonical owner group entity ref, plus the default for groups not listed. */
  quotas: { groups: Record<string, QuotaLimits>; default: QuotaLimits };
  /** Which groups may use which clusters and namespaces. */
  placement: PlacementConfig;
  chat: {
    maxRequestBytes: number;
    maxTokens: number;
    /** Shared by all replicas (counted in the database). */
    requestsPerMinute: number;
    /** Shared by all replicas (leased slots in the database). */
    maxConcurrentStreamsPerUser: number;
    /** Longest wait for the model server's first byte. */
    upstreamFirstByteTimeoutMs: number;
    /** Longest silence from the model server once it has started answering. */
    upstreamIdleTimeoutMs: number;
    auditPrompts: boolean;
    /** Chat history kept per user and workspace in the database. */
    history: { maxMessages: number; maxMessageChars: number };
  };
  security: {
    /** A tuning data URL whose host does not resolve: refused, or a warning. */
    unresolvableDataUrls: 'refuse' | 'warn';
    /** Honour the trust-remote-code annotation on workspaces of non-catalog models. */
    allowTrustRemoteCode: boolean;
  };
  audit: {
    /** Audit rows older than this are deleted by a scheduled task. */
    retentionDays: number;
  };
  permissions: {
    /** How long the permission policy's answer to one caller's token is kept; 0: asked every time. */
    decisionCacheMs: number;
  };
  portal: {
    /** The app path of the LLM workspaces page, which links built here start with. */
    workspacesPath: string;
  };
}

/** Limits of one group. @internal */
export interface QuotaLimits {
  maxGpus?: number;
  maxWorkspaces?: number;
}

function readQuotaLimits(config: Config | undefined): QuotaLimits | undefined {
  if (!config) return undefined;
  return {
    maxGpus: config.getOptionalNumber('maxGpus'),
    maxWorkspaces: config.getOptionalNumber('maxWorkspaces'),
  };
}

function readCatalog(kaito: Config | undefined): KaitoCatalog {
  const catalog = kaito?.getOptionalConfig('catalog');
  const pricing = kaito?.getOptional('pricing');
  const parsed = parseKaitoCatalog({
    customSkus: catalog?.getOptional('customSkus'),
    customPresets: catalog?.getOptional('customPresets'),
    prices: pricing,
  });
  if (!parsed.ok) {
    throw new InputError(
      `Invalid kaito catalog config: ${parsed.issues
        .map(i => `${i.path.startsWith('prices') ? i.path.replace(/^prices/, 'kaito.pricing') : `kaito.catalog.${i.path}`}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.catalog;
}

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A workspace Service's in-cluster URL. @internal */
export const DEFAULT_CHAT_SERVICE_URL = 'http://{name}.{namespace}.svc.cluster.local:{port}';

function oneOf<T extends string>(
  config: Config,
  key: string,
  allowed: readonly T[],
  fallback: T,
  where = 'kaito',
): T {
  const value = config.getOptionalString(key);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(
      `Invalid config ${where}.${key} '${value}'; use one of: ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

/** A whole number >= 1, or the fallback when unset. */
function positiveInteger(config: Config | undefined, key: string, fallback: number, where: string): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(`Invalid config ${where}.${key} '${value}'; use a whole number of at least 1`);
  }
  return value;
}

/**
 * How long the policy's answer to a caller is kept by default: a user's chats and pages in those
 * seconds ask the permission backend once. The longest allowed is the kube-apiserver's own default
 * for caching a webhook authorizer's allow (5 minutes).
 */
const DEFAULT_DECISION_CACHE_SECONDS = 10;
const MAX_DECISION_CACHE_SECONDS = 300;

/** kaito.permissions.decisionCacheSeconds: a whole number of seconds, 0 to ask the policy every time. */
function readDecisionCacheSeconds(permissions: Config | undefined): number {
  const value = permissions?.getOptionalNumber('decisionCacheSeconds');
  if (value === undefined) return DEFAULT_DECISION_CACHE_SECONDS;
  if (!Number.isInteger(value) || value < 0 || value > MAX_DECISION_CACHE_SECONDS) {
    throw new InputError(
      `Invalid config kaito.permissions.decisionCacheSeconds '${value}'; use a whole number of seconds from 0 (ask the permission policy every time) to ${MAX_DECISION_CACHE_SECONDS}`,
    );
  }
  return value;
}

function readSecurityConfig(security: Config | undefined): KaitoConfig['security'] {
  return {
    unresolvableDataUrls: security
      ? oneOf(security, 'unresolvableDataUrls', ['refuse', 'warn'] as const, 'refuse', 'kaito.security')
      : 'refuse',
    allowTrustRemoteCode: security?.getOptionalBoolean('allowTrustRemoteCode') ?? false,
  };
}

/** One cluster entry; `at` names it in errors; `types` are those it may have. @internal */
export function readCluster(
  config: Config,
  index: number,
  at = `kaito.clusters[${index}]`,
  types: ReadonlyArray<ClusterConfig['type']> = ['config', 'simulator'],
): ClusterConfig {
  const name = config.getString('name');
  const where = `${at} (${name})`;
  if (!CLUSTER_NAME.test(name)) {
    throw new InputError(
      `${where}: name must be lowercase letters, digits and '-' (it appears in workspace keys <cluster>/<namespace>/<name>)`,
    );
  }
  const type = oneOf(config, 'type', types, types[0], at);
  const authProvider = oneOf(
    config,
    'authProvider',
    ['serviceAccount', 'inCluster', 'kubeconfig'] as const,
    'serviceAccount',
    at,
  );
  const url = config.getOptionalString('url');
  if (type === 'config' && authProvider === 'serviceAccount' && !url) {
    throw new InputError(
      `${where}: 'url' is required for authProvider serviceAccount; set the API server URL, or use authProvider kubeconfig or inCluster`,
    );
  }
  const sim = config.getOptionalConfig('simulator');
  const failures = sim?.getOptionalConfig('instanceTypeFailures');
  const instanceTypeFailures: SimulatorClusterOptions['instanceTypeFailures'] = {};
  for (const key of failures?.keys() ?? []) {
    instanceTypeFailures[key] = oneOf(
      failures!,
      key,
      ['QuotaExceeded', 'InsufficientCapacity'] as const,
      'QuotaExceeded',
      `${at}.simulator.instanceTypeFailures`,
    );
  }
  return {
    name,
    title: config.getOptionalString('title') ?? name,
    type,
    url,
    authProvider,
    serviceAccountToken: config.getOptionalString('serviceAccountToken'),
    caData: config.getOptionalString('caData'),
    caFile: config.getOptionalString('caFile'),
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify') ?? false,
    kubeconfigPath: config.getOptionalString('kubeconfigPath'),
    kubeconfigContext: config.getOptionalString('kubeconfigContext'),
    // Unset: `builtin` until the cluster manager has looked for a Kaito operator there (the
    // controller also refuses to reconcile next to one it finds).
    mode: oneOf(config, 'mode', ['builtin', 'observe'] as const, 'builtin', at),
    detectMode: config.getOptionalString('mode') === undefined,
    cloud: oneOf(config, 'cloud', ['azure', 'aws', 'arc'] as const, 'azure', at),
    provisioner: oneOf(
      config,
      'provisioner',
      ['gpu-provisioner', 'karpenter', 'byo'] as const,
      'gpu-provisioner',
      at,
    ),
    nodeClassName: config.getOptionalString('nodeClassName') ?? 'default',
    nodeClassNames: config.getOptionalStringArray('nodeClassNames'),
    featureGates: {
      enableMIG: config.getOptionalBoolean('featureGates.enableMIG') ?? false,
      enableAccelerator: config.getOptionalBoolean('featureGates.enableAccelerator') ?? false,
    },
    installCrds: config.getOptionalBoolean('installCrds') ?? false,
    chatVia: oneOf(config, 'chatVia', ['apiServerProxy', 'serviceUrl'] as const, 'apiServerProxy', at),
    chatServiceUrl: config.getOptionalString('chatServiceUrl') ?? DEFAULT_CHAT_SERVICE_URL,
    simulator: {
      port: sim?.getOptionalNumber('port') ?? 0,
      snapshotPath: sim?.getOptionalString('snapshotPath'),
      provisioningDelayMs: sim?.getOptionalNumber('provisioningDelayMs') ?? 3000,
      modelLoadMs: sim?.getOptionalNumber('modelLoadMs') ?? 4000,
      instanceTypeFailures,
    },
  };
}

/** The quota of a group kaito.quotas.groups does not list. @internal */
export const DEFAULT_GROUP_QUOTA: QuotaLimits = { maxGpus: 2, maxWorkspaces: 2 };

/**
 * Reads and checks `kaito.*`, applying every default. Throws an `InputError`
 * naming the key and the fix on bad input.
 *
 * @internal
 */
function readPortalWorkspacesPath(root: Config): string {
  try {
    return readWorkspacesPath(root);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

export function readKaitoConfig(root: Config): KaitoConfig {
  const kaito = root.getOptionalConfig('kaito');
  const clusterConfigs = kaito?.getOptionalConfigArray('clusters');
  const kubernetesPlugin = readKubernetesPluginConfig(kaito);
  const fromKubernetesPlugin = kubernetesPlugin.enabled ? kubernetesPlugin.clusters ?? [] : [];
  // None configured: the plugin manages none (the plugin logs how to add one).
  const clusters = [...(clusterConfigs ?? []).map((c, i) => readCluster(c, i)), ...fromKubernetesPlugin];
  const seen = new Set<string>();
  for (const cluster of clusters) {
    if (seen.has(cluster.name)) {
      throw new InputError(
        `kaito.clusters: the name '${cluster.name}' is used twice (kaito.clusters and kaito.kubernetesPlugin.clusters together); cluster names must be unique`,
      );
    }
    seen.add(cluster.name);
  }

  const controller = kaito?.getOptionalConfig('controller');
  const election = controller?.getOptionalConfig('leaderElection');
  const leaseDurationSeconds = election?.getOptionalNumber('leaseDurationSeconds') ?? 15;
  const renewDeadlineSeconds = election?.getOptionalNumber('renewDeadlineSeconds') ?? 10;
  if (renewDeadlineSeconds >= leaseDurationSeconds) {
    throw new InputError(
      `kaito.controller.leaderElection: renewDeadlineSeconds (${renewDeadlineSeconds}) must be less than leaseDurationSeconds (${leaseDurationSeconds})`,
    );
  }
  const workers = controller?.getOptionalNumber('workers') ?? 5;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new InputError(
      `kaito.controller.workers must be a whole number of at least 1, got ${workers}`,
    );
  }
  const images = kaito?.getOptionalConfig('images');
  const quotas = kaito?.getOptionalConfig('quotas');
  const groups: Record<string, QuotaLimits> = {};
  for (const entry of quotas?.getOptionalConfigArray('groups') ?? []) {
    const raw = entry.getString('group');
    const group = canonicalGroupRef(raw);
    if ('error' in group) {
      throw new InputError(
        `kaito.quotas.groups: '${raw}' is not a group entity ref; write it as group:<namespace>/<name>, e.g. group:default/ml-team (${group.error})`,
      );
    }
    groups[group.ref] = readQuotaLimits(entry)!;
  }
  const chat = kaito?.getOptionalConfig('chat');
  return {
    catalog: readCatalog(kaito),
    quotas: { groups, default: readQuotaLimits(quotas?.getOptionalConfig('default')) ?? DEFAULT_GROUP_QUOTA },
    placement: readPlacementConfig(kaito),
    chat: {
      maxRequestBytes: chat?.getOptionalNumber('maxRequestBytes') ?? 64 * 1024,
      maxTokens: chat?.getOptionalNumber('maxTokens') ?? 2048,
      requestsPerMinute: positiveInteger(chat, 'requestsPerMinute', 30, 'kaito.chat'),
      maxConcurrentStreamsPerUser: positiveInteger(chat, 'maxConcurrentStreamsPerUser', 2, 'kaito.chat'),
      upstreamFirstByteTimeoutMs: positiveInteger(chat, 'upstreamFirstByteTimeoutMs', 120_000, 'kaito.chat'),
      upstreamIdleTimeoutMs: positiveInteger(chat, 'upstreamIdleTimeoutMs', 30_000, 'kaito.chat'),
      auditPrompts: chat?.getOptionalBoolean('auditPrompts') ?? false,
      history: {
        maxMessages: positiveInteger(chat?.getOptionalConfig('history'), 'maxMessages', 200, 'kaito.chat.history'),
        maxMessageChars: positiveInteger(chat?.getOptionalConfig('history'), 'maxMessageChars', 32_000, 'kaito.chat.history'),
      },
    },
    security: readSecurityConfig(kaito?.getOptionalConfig('security')),
    audit: {
      retentionDays: positiveInteger(kaito?.getOptionalConfig('audit'), 'retentionDays', 90, 'kaito.audit'),
    },
    permissions: { decisionCacheMs: readDecisionCacheSeconds(kaito?.getOptionalConfig('permissions')) * 1000 },
    portal: { workspacesPath: readPortalWorkspacesPath(root) },
    clusters,
    kubernetesPlugin,
    controller: {
      workers,
      releaseTuningNodesAfterSeconds: readReleaseTuningNodes(controller?.getOptionalConfig('tuning')),
      leaderElection: {
        enabled: election?.getOptionalBoolean('enabled') ?? true,
        namespace: election?.getOptionalString('namespace') ?? DEFAULT_CONTROLLER_NAMESPACE,
        leaseName:
          election?.getOptionalString('leaseName') ?? 'kaito-backstage-controller',
        leaseDurationSeconds,
        renewDeadlineSeconds,
      },
    },
    images: {
      presetRegistry:
        images?.getOptionalString('presetRegistry') ?? 'mcr.microsoft.com/aks/kaito',
      baseImageTag: images?.getOptionalString('baseImageTag') ?? '0.5.0',
      mirrors: (images?.getOptionalConfigArray('mirrors') ?? []).map(m => ({
        from: m.getString('from'),
        to: m.getString('to'),
      })),
      imagePullSecrets: images?.getOptionalStringArray('imagePullSecrets') ?? [],
      resolveDigests: images?.getOptionalBoolean('resolveDigests') ?? false,
      insecureRegistries: images?.getOptionalStringArray('insecureRegistries') ?? [],
    },
  };
}

/**
 * The NodeClass names a workspace's `kaito.sh/node-class-name` may take: with Karpenter the
 * default and the configured ones, sorted, as Kaito v0.12 checks them; none to check otherwise
 * (Kaito's webhook ignores the annotation unless Karpenter provisions the nodes).
 *
 * @internal
 */
export function allowedNodeClassNames(cluster: Pick<ClusterConfig, 'provisioner' | 'nodeClassName' | 'nodeClassNames'>): string[] | undefined {
  if (cluster.provisioner !== 'karpenter') return undefined;
  return [...new Set([cluster.nodeClassName, ...(cluster.nodeClassNames ?? [])])].sort();
}

/** `kaito.controller.tuning.releaseNodesAfterSeconds`: a whole number ≥ 0, or false to keep the nodes. */
function readReleaseTuningNodes(tuning: Config | undefined): number | undefined {
  const key = 'releaseNodesAfterSeconds';
  if (tuning?.getOptional(key) === false) return undefined;
  const seconds = tuning?.getOptionalNumber(key) ?? 60;
  if (!Number.isInteger(seconds) || seconds < 0) {
    throw new Error(`kaito.controller.tuning.${key} must be a whole number of seconds (0 or more) or false, got ${seconds}`);
  }
  return seconds;
}
