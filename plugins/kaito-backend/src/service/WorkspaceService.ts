import { CoreV1Api, CoreV1Event, KubernetesObject, V1Node, V1Pod, V1StatefulSet, V1Job } from '@kubernetes/client-node';
import { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import { LRUCache } from 'lru-cache';
import { describeKubeError, kubeErrorCode, kubeStatusOf } from '../kube/errors';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ClusterSummary,
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  EndpointInfo,
  FitRequestBody,
  FitResponseBody,
  ImageInfo,
  KaitoAnnotations,
  MODEL_PRESETS,
  ModelPreset,
  PresetSummary,
  QuotaUsage,
  SkuSummary,
  UpdateWorkspaceRequest,
  UpdateWorkspaceResponse,
  applyWorkspaceUpdate,
  validateWorkspaceUpdate,
  GPU_SKUS,
  Workspace,
  WorkspaceDetails,
  WorkspaceListResponse,
  WorkspaceRef,
  WorkspaceSummary,
  checkFit,
  checkTuningFit,
  computeTargetNodeCount,
  estimateCost,
  findPreset,
  lookupSku,
  pricePerNodeHour,
  provisioningSteps,
  recommendSkus,
  summarizeWorkspace,
  validateWorkspaceCreate,
  workspaceFromRequest,
  workspaceRuntime,
  workspaceServedModels,
  WorkspaceListQuery,
  parseWorkspaceKey,
} from '@kaito-backstage/plugin-kaito-common';
import { allowedNodeClassNames, KaitoConfig, QuotaLimits } from '../config';
import { ClusterManager, ManagedCluster, reportedMode } from '../cluster/ClusterManager';
import { WorkspaceController } from '../controller/WorkspaceController';
import { EventReasons } from '../controller/events/eventReasons';
import { QuotaHeld, QuotaStore } from '../database/QuotaStore';
import { WorkspaceAccess } from './WorkspaceAccess';
import { resolveDataUrlIssues } from '../security/resolveDataUrls';
import { checkModelAccessSecret } from './modelAccessSecret';
import { KaitoWorkspaceResource } from './permissions';
import { matchesWorkspaceQuery, pageOfWorkspaces } from './workspaceListQuery';

/** A connected cluster: its config and running controller. @internal */
export interface ConnectedCluster {
  managed: ManagedCluster;
  controller: WorkspaceController;
}

/** How long a list may reuse a summary: its cost so far is at most this much older. */
const SUMMARY_TTL_MS = 1000;

const isReady = (obj: { status?: { conditions?: Array<{ type: string; status: string }> } }) =>
  obj.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false;

/** How often an edit is worked out again when the workspace changed under it. */
const UPDATE_ATTEMPTS = 4;

/** An edit whose write found the workspace changed since it was read (409): worked out again from the newer one. */
class StaleWorkspace extends Error {
  constructor(readonly conflict: Error) {
    super(conflict.message);
  }
}

/**
 * What the REST API does, over the controllers' caches: lists and details
 * come from memory; only creates, deletes, logs and events reach the cluster.
 *
 * @internal
 */
export class WorkspaceService {
  /**
   * Events lists in flight per `<cluster>/<namespace>`: concurrent snapshots
   * (several viewers of one namespace, or a burst of changes) share one list
   * instead of each listing the namespace's Events. Nothing is kept once the
   * list answers, so a snapshot is never staler than its request.
   */
  readonly #eventLists = new Map<string, Promise<CoreV1Event[]>>();
  /** Summaries by cached Workspace object (weak: gone with the object the informer replaced). */
  readonly #summaries = new WeakMap<object, { at: number; summary: WorkspaceSummary }>();
  /**
   * Events failures already logged: a missing permission would otherwise log on every details
   * view. Bounded, as the messages name namespaces: an old one may be logged again.
   */
  readonly #reportedEventFailures = new LRUCache<string, true>({ max: 500 });

  constructor(
    private readonly clusters: ClusterManager,
    private readonly config: KaitoConfig,
    private readonly logger: LoggerService,
    private readonly quotas: QuotaStore,
    /** Who may ask for which workspace (identity, placement, policy). */
    readonly access: WorkspaceAccess,
  ) {}

  listClusters(): ClusterSummary[] {
    return this.clusters.list().map(cluster => {
      const { config, error, controller, permissions } = cluster;
      return {
        name: config.name,
        title: config.title,
        mode: reportedMode(cluster),
        cloud: config.cloud,
        provisioner: config.provisioner,
        simulated: config.type === 'simulator',
        ...(error || !controller ? { error: error ?? 'connecting' } : {}),
        ...(permissions ? { permissions } : {}),
      };
    });
  }

  listPresets(): PresetSummary[] {
    const all = [...MODEL_PRESETS, ...(this.config.catalog.customPresets ?? [])];
    return all.map(p => ({
      name: p.name,
      aliases: [...p.aliases],
      hfRepo: p.hfRepo,
      weightsGiB: p.weightsGiB,
      gpuCountRequirement: p.gpuCountRequirement,
      contextLength: p.contextLength,
      runtimes: [...p.runtimes],
      tuning: p.tuning,
      servedModelName: p.servedModelName,
      requiresAuth: p.requiresAuth,
    }));
  }

  listSkus(clusterName?: string): SkuSummary[] {
    const cloud = clusterName ? this.#cluster(clusterName).managed.config.cloud : undefined;
    const prices = this.config.catalog.prices;
    return [...GPU_SKUS, ...(this.config.catalog.customSkus ?? [])]
      .filter(sku => !cloud || sku.cloud === cloud || sku.cloud === 'custom')
      .map(sku => {
        const price = pricePerNodeHour(sku.name, prices);
        return {
          name: sku.name,
          cloud: sku.cloud,
          gpuCount: sku.gpuCount,
          gpuMemoryGiB: sku.gpuMemoryGiB,
          perGpuMemoryGiB: sku.perGpuMemoryGiB,
          gpuModel: sku.gpuModel,
          retired: Boolean(sku.retired),
          ...(price !== undefined ? { pricePerHour: price, currency: prices!.currency } : {}),
        };
      });
  }

  /**
   * Workspaces on every connected cluster matching the query, sorted and cut
   * to the page asked for; `readable` keeps those the caller may read (checked
   * before summarizing). A broken cluster is reported, not fatal.
   */
  listWorkspaces(query: WorkspaceListQuery = {}, readable: (resource: KaitoWorkspaceResource) => boolean = () => true): WorkspaceListResponse {
    const { items, errors } = this.matchingSummaries(query, readable);
    return { ...pageOfWorkspaces(items, query), errors };
  }

  /** The summaries of the readable workspaces that match the query's filters, in no order (the shared lists sort them once). */
  matchingSummaries(
    query: WorkspaceListQuery,
    readable: (resource: KaitoWorkspaceResource) => boolean,
  ): { items: WorkspaceSummary[]; errors: WorkspaceListResponse['errors'] } {
    const items: WorkspaceSummary[] = [];
    const errors: WorkspaceListResponse['errors'] = [];
    const now = Date.now();
    for (const managed of this.clusters.list()) {
      if (query.cluster && managed.config.name !== query.cluster) continue;
      if (!managed.controller) {
        errors.push(clusterError(managed));
        continue;
      }
      const cluster = managed.config.name;
      for (const ws of managed.controller.cache.list<Workspace & KubernetesObject>('Workspace', query.namespace)) {
        if (query.name && ws.metadata.name !== query.name) continue;
        if (!readable({ cluster, workspace: ws })) continue;
        const summary = this.#summaryOf(cluster, ws, now);
        if (matchesWorkspaceQuery(summary, query)) items.push(summary);
      }
    }
    return { items, errors };
  }

  /** The clusters whose workspaces cannot be listed now (not connected), and why: a list's `errors`. */
  clusterErrors(): WorkspaceListResponse['errors'] {
    return this.clusters
      .list()
      .filter(managed => !managed.controller)
      .map(clusterError);
  }

  /**
   * One workspace's summary by its key `<cluster>/<namespace>/<name>`, or
   * undefined when it is gone, its cluster is not connected, or `readable`
   * refuses it: what a change needs looked at again, without a pass over all.
   */
  readableSummary(key: string, readable: (resource: KaitoWorkspaceResource) => boolean, now = Date.now()): WorkspaceSummary | undefined {
    const resource = this.resourceAt(key);
    if (!resource || !readable(resource)) return undefined;
    return this.#summaryOf(resource.cluster, resource.workspace as Workspace & KubernetesObject, now);
  }

  /**
   * The `kaito-workspace` permission resource with the key `<cluster>/<namespace>/<name>`, as the
   * permission rules see it; undefined when it is gone or its cluster is not connected.
   */
  resourceAt(key: string): KaitoWorkspaceResource | undefined {
    const ref = parseWorkspaceKey(key);
    const controller = ref && this.clusters.get(ref.cluster)?.controller;
    if (!ref || !controller) return undefined;
    const workspace = controller.cache.get<Workspace & KubernetesObject>('Workspace', ref.name, ref.namespace);
    return workspace ? { cluster: ref.cluster, workspace } : undefined;
  }

  /**
   * A workspace's summary, kept per cached object for at most a second: the
   * informer replaces the object on every change, so only the cost so far can
   * be that much older. A list of 5,000 summarizes only what changed.
   */
  #summaryOf(cluster: string, workspace: Workspace & KubernetesObject, now: number): WorkspaceSummary {
    const kept = this.#summaries.get(workspace);
    if (kept && now - kept.at < SUMMARY_TTL_MS) return kept.summary;
    const summary = summarizeWorkspace(cluster, workspace, this.config.catalog, new Date(now));
    this.#summaries.set(workspace, { at: now, summary });
    return summary;
  }

  /** The workspace object from the cache; 404 when it does not exist. */
  getWorkspace(ref: WorkspaceRef): { workspace: Workspace; cluster: ConnectedCluster } {
    const cluster = this.#cluster(ref.cluster);
    const workspace = cluster.controller.cache.get<Workspace & KubernetesObject>('Workspace', ref.name, ref.namespace);
    if (!workspace) {
      throw new NotFoundError(`Workspace ${ref.cluster}/${ref.namespace}/${ref.name} does not exist`);
    }
    return { workspace, cluster };
  }

  async getDetails(ref: WorkspaceRef, options: { withEvents?: boolean } = {}): Promise<WorkspaceDetails> {
    const { workspace, cluster } = this.getWorkspace(ref);
    const cache = cluster.controller.cache;
    const key = `${ref.namespace}/${ref.name}`;
    const summary = summarizeWorkspace(ref.cluster, workspace, this.config.catalog);
    const pods = cache.childrenOf<V1Pod>('Pod', key).sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
    const [statefulSet] = cache.childrenOf<V1StatefulSet>('StatefulSet', key);
    const [job] = cache.childrenOf<V1Job>('Job', key);
    const workerNames = new Set(workspace.status?.workerNodes ?? []);
    const nodes = [
      ...cache.childrenOf<V1Node>('Node', key),
      ...cache.list<V1Node>('Node').filter(n => workerNames.has(n.metadata!.name!) && !n.metadata?.labels?.['kaito.sh/workspace']),
    ];
    const containerStatuses = pods.flatMap(p => [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]);
    const mainStatuses = pods.flatMap(p => p.status?.containerStatuses ?? []);
    const validation = validateWorkspaceCreate(workspace, {
      cloud: cluster.managed.config.cloud,
      nodeAutoProvisioning: cluster.managed.config.provisioner !== 'byo',
      allowedNodeClassNames: allowedNodeClassNames(cluster.managed.config),
      featureGates: cluster.managed.config.featureGates,
      catalog: this.config.catalog,
    });
    return {
      ...summary,
      workspace,
      conditions: workspace.status?.conditions ?? [],
      steps: provisioningSteps(workspace, {
        imagesPulled: mainStatuses.length > 0 && mainStatuses.every(s => s.state?.running || s.state?.terminated || s.lastState?.terminated),
        running: mainStatuses.some(s => s.state?.running),
        ready: pods.length > 0 && pods.every(p => p.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True')),
      }),
      nodes: nodes.map(n => ({
        name: n.metadata!.name!,
        instanceType: n.metadata?.labels?.['node.kubernetes.io/instance-type'],
        gpus: Number(n.status?.capacity?.['nvidia.com/gpu'] ?? 0),
        gpuProduct: n.metadata?.labels?.['nvidia.com/gpu.product'],
        ready: isReady(n),
      })),
      pods: pods.map(p => {
        const waiting = p.status?.containerStatuses?.find(s => s.state?.waiting)?.state?.waiting;
        const terminated = p.status?.containerStatuses?.find(s => s.lastState?.terminated)?.lastState?.terminated;
        const unschedulable = p.status?.conditions?.find(c => c.type === 'PodScheduled' && c.status === 'False');
        return {
          name: p.metadata!.name!,
          phase: p.status?.phase ?? 'Pending',
          ready: p.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false,
          restarts: (p.status?.containerStatuses ?? []).reduce((n, s) => n + (s.restartCount ?? 0), 0),
          node: p.spec?.nodeName,
          reason: waiting?.reason ?? terminated?.reason ?? unschedulable?.reason ?? p.status?.reason,
          message: waiting?.message ?? unschedulable?.message ?? p.status?.message,
        };
      }),
      events: options.withEvents === false ? [] : await this.#events(cluster, workspace, pods),
      images: imagesOf(statefulSet ?? job, containerStatuses, workspace),
      endpoint: workspace.inference ? endpointOf(workspace, summary, this.config.catalog.customPresets) : undefined,
      warnings: validation.issues.filter(i => i.severity === 'warning'),
    };
  }

  /** The limits of an owner group: its own, or kaito.quotas.default. */
  quotaLimits(owner: string): QuotaLimits {
    return this.config.quotas.groups[owner.toLowerCase()] ?? this.config.quotas.default;
  }

  /** Quota use of an owner group across every cluster: what its workspaces hold in the reservations table. */
  async quotaUsage(owner: string): Promise<QuotaUsage & { limits?: QuotaLimits }> {
    const group = owner.toLowerCase();
    const limits = this.quotaLimits(group);
    const held = await this.quotas.held(group);
    return {
      group,
      maxGpus: limits.maxGpus,
      maxWorkspaces: limits.maxWorkspaces,
      usedGpus: held.gpus,
      usedWorkspaces: held.workspaces,
      limits,
    };
  }

  async fit(request: FitRequestBody): Promise<FitResponseBody> {
    const cluster = this.#cluster(request.cluster).managed.config;
    const catalog = this.config.catalog;
    const preset = findPreset(request.preset, { customPresets: catalog.customPresets });
    if (!preset) {
      throw new InputError(`Unknown preset '${request.preset}'; GET /presets lists the models this portal offers`);
    }
    const tuning = request.purpose === 'tuning';
    if (tuning && !preset.tuning) {
      throw new InputError(`Preset '${preset.name}' cannot be fine-tuned; GET /presets marks the presets that can (tuning: true)`);
    }
    const runtime = request.runtime ?? (preset.runtimes.includes('vllm') && !tuning ? 'vllm' : 'transformers');
    const recommendations = recommendSkus({ preset, runtime, cloud: cluster.cloud, catalog, limit: 5, purpose: request.purpose }).map(r => ({
      instanceType: r.sku.name,
      nodeCount: r.nodeCount,
      costPerHour: r.cost?.perHour,
    }));
    const quota = request.owner ? await this.quotaUsage(request.owner) : undefined;
    if (!request.instanceType) {
      return {
        fits: Boolean(request.nodeSelector),
        reasons: request.nodeSelector ? ['bring-your-own nodes: the fit is checked against the nodes when they are selected'] : ['choose an instance type'],
        nodeCount: request.count ?? 1,
        gpuCount: 0,
        recommendations,
        ...(quota ? { quota: stripLimits(quota) } : {}),
      };
    }
    const sku = lookupSku(request.instanceType, { customSkus: catalog.customSkus });
    if (!sku) {
      return { fits: false, reasons: [`Unsupported instance type ${request.instanceType}`], nodeCount: 0, gpuCount: 0, recommendations, ...(quota ? { quota: stripLimits(quota) } : {}) };
    }
    const result = tuning ? checkTuningFit({ preset, sku }) : checkFit({ preset, sku, runtime, count: request.count });
    const nodeCount = result.nodeCount || 1;
    const gpuCount = nodeCount * sku.gpuCount;
    const cost = estimateCost(sku.name, nodeCount, catalog.prices);
    const reasons = [result.message];
    let fits = result.fits;
    if (quota?.maxGpus !== undefined && quota.usedGpus + gpuCount > quota.maxGpus) {
      fits = false;
      reasons.push(`Over the GPU quota of ${quota.group}: ${quota.usedGpus} of ${quota.maxGpus} GPUs in use, this needs ${gpuCount}`);
    }
    if (sku.retired) reasons.push(`${sku.name} is retired from Kaito's SKU table`);
    return {
      fits,
      reasons,
      nodeCount,
      gpuCount,
      costPerHour: cost?.perHour,
      currency: cost?.currency,
      recommendations,
      ...(quota ? { quota: stripLimits(quota) } : {}),
    };
  }

  /**
   * Checks who asks (WorkspaceAccess), validates (domain rules, fit), reserves
   * the owner's quota in the database and creates the Workspace; the
   * reservation is released when the write fails. Nothing is written on error.
   */
  async create(input: CreateWorkspaceRequest, credentials: BackstageCredentials): Promise<CreateWorkspaceResponse> {
    const authorized = await this.access.authorizeCreate(credentials, input);
    const request = authorized.request;
    const cluster = this.#cluster(request.cluster);
    const config = cluster.managed.config;
    const workspace = workspaceFromRequest(request, authorized.requestedBy);
    const validation = validateWorkspaceCreate(workspace, {
      cloud: config.cloud,
      nodeAutoProvisioning: config.provisioner !== 'byo',
      allowedNodeClassNames: allowedNodeClassNames(config),
      featureGates: config.featureGates,
      catalog: this.config.catalog,
    });
    // Tuning data URLs are resolved here, where there is a network: a simulated cluster's Jobs fetch nothing.
    const urlIssues = await resolveDataUrlIssues(workspace.tuning?.input.urls ?? [], {
      unresolvable: config.type === 'simulator' ? 'warn' : this.config.security.unresolvableDataUrls,
    });
    const issues = [...validation.issues.filter(i => !urlIssues.some(u => u.path === i.path)), ...urlIssues];
    const errors = issues.filter(i => i.severity !== 'warning');
    if (errors.length > 0) {
      throw new InputError(`The workspace request is invalid: ${errors.map(i => `${i.path}: ${i.message}`).join('; ')}`);
    }
    authorized.check(workspace);
    // After placement: only a Secret in a namespace the caller may use is looked up.
    const secretIssue =
      request.modelAccessSecret && cluster.managed.kubeConfig
        ? await checkModelAccessSecret(cluster.managed.kubeConfig, request.namespace, request.modelAccessSecret)
        : undefined;
    if (secretIssue) issues.push(secretIssue);
    const preset = findPreset(request.preset, { customPresets: this.config.catalog.customPresets });
    const sku = request.instanceType ? lookupSku(request.instanceType, { customSkus: this.config.catalog.customSkus }) : undefined;
    // Kaito's webhook only warns; the portal does not start a tuning job that would be OOMKilled.
    const tuningFit = request.tuning && preset && sku ? checkTuningFit({ preset, sku }) : undefined;
    if (tuningFit && !tuningFit.fits) {
      throw new InputError(`The workspace request is invalid: resource.instanceType: ${tuningFit.message}`);
    }
    const nodes = computeTargetNodeCount(workspace, { preset, sku, runtime: workspaceRuntime(workspace) });
    const gpus = nodes * (sku?.gpuCount ?? 0);
    const shape = `${nodes} × ${sku?.name}`;
    if (cluster.controller.cache.get('Workspace', request.name, request.namespace)) {
      throw new ConflictError(`Workspace ${request.cluster}/${request.namespace}/${request.name} already exists; choose another name`);
    }
    const summary = summarizeWorkspace(request.cluster, workspace, this.config.catalog);
    const response = { workspace: summary, manifest: workspace, warnings: issues.filter(i => i.severity === 'warning') };
    const limits = this.quotaLimits(request.owner);
    if (request.dryRun) {
      const held = await this.quotas.held(request.owner);
      const over = overQuota(limits, held, gpus);
      if (over) throw quotaExceeded(request.owner, over, limits, held, gpus, shape);
      await this.#dryRunOnCluster(cluster, workspace, summary.key);
      return response;
    }
    const reserved = await this.quotas.reserve({ owner: request.owner, workspace: summary.key, gpus, bounds: limits });
    if (!reserved.ok) throw quotaExceeded(request.owner, reserved.limit, limits, reserved.held, gpus, shape);
    try {
      const created = await cluster.controller.writer.create(workspace as unknown as KubernetesObject);
      if (!created) throw new ConflictError(`Workspace ${summary.key} already exists; choose another name`);
      return { ...response, manifest: created as unknown as Workspace, workspace: summarizeWorkspace(request.cluster, created as unknown as Workspace, this.config.catalog) };
    } catch (error) {
      await this.quotas.release(summary.key);
      throw toBackstageError(error, `create workspace ${summary.key}`);
    }
  }

  /**
   * Changes a workspace after creation with the checks of a create: Kaito's
   * rules (update rules in place, create rules for a replacement), fit, and
   * the owner's quota, whose reservation is resized in one transaction.
   * Adapters and the inference config change in place; a new instance type
   * or node count (immutable in Kaito) replaces the workspace: the successor
   * goes on the old one as an annotation and the controller creates it once
   * the old one's nodes are gone. A dry run writes nothing.
   */
  /**
   * Changes a workspace in place or by replacement. The write carries the
   * resourceVersion the change was worked out from, so a workspace that
   * changed meanwhile (the controller writes its status right after a
   * create) is a 409 from the API server; then the change is worked out
   * again from the newer version the cache brings, as client-go's
   * RetryOnConflict does, up to `UPDATE_ATTEMPTS` times.
   */
  async update(ref: WorkspaceRef, request: UpdateWorkspaceRequest, actor?: string): Promise<UpdateWorkspaceResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#updateOnce(ref, request, actor);
      } catch (error) {
        if (!(error instanceof StaleWorkspace)) throw error;
        if (attempt >= UPDATE_ATTEMPTS) throw error.conflict;
        await new Promise(resolve => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  async #updateOnce(ref: WorkspaceRef, request: UpdateWorkspaceRequest, actor?: string): Promise<UpdateWorkspaceResponse> {
    const { workspace: current, cluster } = this.getWorkspace(ref);
    const key = `${ref.cluster}/${ref.namespace}/${ref.name}`;
    if (current.metadata.deletionTimestamp) {
      throw new ConflictError(`Workspace ${key} is being deleted${current.metadata.annotations?.[KaitoAnnotations.backstageReplaceWith] ? ' for an edit already under way' : ''}; wait until it is back`);
    }
    const { next, mode, changes, errors } = applyWorkspaceUpdate(current, request);
    if (errors.length > 0) throw new InputError(`The change is invalid: ${errors.join('; ')}`);
    if (changes.length === 0) throw new InputError(`Nothing changes: workspace ${key} already has these values`);
    const config = cluster.managed.config;
    // Only the portal's own controller creates the successor after the old workspace is gone.
    if (mode === 'replace' && config.mode === 'observe') {
      throw new InputError(
        `Cluster ${ref.cluster} runs Kaito's own controller (mode observe), and Kaito cannot change ${changes.map(c => c.split(':')[0]).join(', ')} in place; delete ${ref.name} and create it again with the new values`,
      );
    }
    const context = {
      cloud: config.cloud,
      nodeAutoProvisioning: config.provisioner !== 'byo',
      allowedNodeClassNames: allowedNodeClassNames(config),
      featureGates: config.featureGates,
      catalog: this.config.catalog,
    };
    const validation = mode === 'replace' ? validateWorkspaceCreate(next, context) : validateWorkspaceUpdate(current, next, context);
    const invalid = validation.issues.filter(i => i.severity !== 'warning');
    if (invalid.length > 0) {
      throw new InputError(`The change is invalid: ${invalid.map(i => `${i.path}: ${i.message}`).join('; ')}`);
    }
    const owner = (current.metadata.annotations?.[KaitoAnnotations.backstageOwner] ?? '').toLowerCase();
    const catalog = this.config.catalog;
    const presetName = next.inference?.preset?.name ?? next.tuning?.preset.name;
    const preset = presetName ? findPreset(presetName, { customPresets: catalog.customPresets }) : undefined;
    const sku = next.resource.instanceType ? lookupSku(next.resource.instanceType, { customSkus: catalog.customSkus }) : undefined;
    const tuningFit = mode === 'replace' && next.tuning && preset && sku ? checkTuningFit({ preset, sku }) : undefined;
    if (tuningFit && !tuningFit.fits) throw new InputError(`The change is invalid: resource.instanceType: ${tuningFit.message}`);
    const nodes = computeTargetNodeCount(next, { preset, sku, runtime: workspaceRuntime(next) });
    const gpus = nodes * (sku?.gpuCount ?? 0);
    const shape = `${nodes} × ${sku?.name}`;
    const response: UpdateWorkspaceResponse = {
      workspace: summarizeWorkspace(ref.cluster, next, catalog),
      manifest: next,
      mode,
      changes,
      warnings: validation.issues.filter(i => i.severity === 'warning'),
    };
    // Only a replacement provisions new nodes; an in-place change keeps the reservation.
    if (mode === 'replace' && owner) {
      const limits = this.quotaLimits(owner);
      if (request.dryRun) {
        const reservation = await this.quotas.get(key);
        const held = await this.quotas.held(owner);
        const others = reservation ? { gpus: held.gpus - reservation.gpus, workspaces: held.workspaces - 1 } : held;
        const over = overQuota(limits, others, gpus);
        if (over) throw quotaExceeded(owner, over, limits, others, gpus, shape);
      } else {
        const resized = await this.quotas.resize({ owner, workspace: key, gpus, bounds: limits });
        if (!resized.ok) throw quotaExceeded(owner, resized.limit, limits, resized.held, gpus, shape);
      }
    }
    if (request.dryRun) return response;
    const header = { apiVersion: current.apiVersion, kind: current.kind };
    try {
      if (mode === 'in-place') {
        const patched = await cluster.controller.writer.mergePatch({
          ...header,
          metadata: { name: ref.name, namespace: ref.namespace, resourceVersion: current.metadata.resourceVersion },
          // A merge patch replaces arrays whole; null removes a field.
          inference: { adapters: next.inference?.adapters ?? null, config: next.inference?.config ?? null },
        } as unknown as KubernetesObject);
        const written = (patched ?? next) as unknown as Workspace;
        await this.#recordUpdate(cluster, current, actor, changes);
        return { ...response, manifest: written, workspace: summarizeWorkspace(ref.cluster, written, catalog) };
      }
      await cluster.controller.writer.mergePatch({
        ...header,
        metadata: {
          name: ref.name,
          namespace: ref.namespace,
          resourceVersion: current.metadata.resourceVersion,
          annotations: { [KaitoAnnotations.backstageReplaceWith]: JSON.stringify(next) },
        },
      } as unknown as KubernetesObject);
      await this.#recordUpdate(cluster, current, actor, changes);
      await cluster.controller.writer.delete(current as unknown as KubernetesObject);
      return response;
    } catch (error) {
      const refused = toBackstageError(error, `change workspace ${key}`);
      // The patch carried the resourceVersion: a 409 means the workspace changed meanwhile.
      if (kubeErrorCode(error) === 409) throw new StaleWorkspace(refused);
      throw refused;
    }
  }

  /** The change as an Event on the workspace, so its timeline shows it next to what follows. */
  async #recordUpdate(cluster: ConnectedCluster, workspace: Workspace, actor: string | undefined, changes: string[]) {
    await cluster.controller.events.record(
      workspace as unknown as KubernetesObject,
      'Normal',
      EventReasons.WorkspaceUpdated,
      `${actor ? `${actor} changed` : 'Changed'} ${changes.join('; ')}`,
      this.logger,
    );
  }

  /**
   * An administrator's switch: lets a workspace whose model is no catalog preset run
   * the model's own code, by the `backstage.kaito.sh/trust-remote-code` annotation
   * (removed again with `trust: false`). Refused unless config allows it.
   */
  async setTrustRemoteCode(ref: WorkspaceRef, trust: boolean): Promise<void> {
    if (!this.config.security.allowTrustRemoteCode) {
      throw new NotAllowedError(
        'Trusting remote code is turned off on this portal (kaito.security.allowTrustRemoteCode: false); catalog presets need no trust, so pick one, or ask the operator to turn it on',
      );
    }
    const { workspace, cluster } = this.getWorkspace(ref);
    const annotations = { [KaitoAnnotations.trustRemoteCode]: trust ? 'true' : null };
    try {
      await cluster.controller.writer.mergePatch({
        apiVersion: workspace.apiVersion,
        kind: workspace.kind,
        metadata: { name: ref.name, namespace: ref.namespace, annotations },
      } as unknown as KubernetesObject);
    } catch (error) {
      throw toBackstageError(error, `mark workspace ${ref.cluster}/${ref.namespace}/${ref.name}`);
    }
  }

  /** Deletes the Workspace and frees its quota reservation. */
  async delete(ref: WorkspaceRef): Promise<void> {
    const { workspace, cluster } = this.getWorkspace(ref);
    const key = `${ref.cluster}/${ref.namespace}/${ref.name}`;
    try {
      await cluster.controller.writer.delete(workspace as unknown as KubernetesObject);
    } catch (error) {
      throw toBackstageError(error, `delete workspace ${key}`);
    }
    await this.quotas.release(key);
  }

  /** The tail of the inference (or tuning) pod's main container log. */
  async logs(ref: WorkspaceRef, tailLines: number): Promise<string> {
    const { cluster } = this.getWorkspace(ref);
    const pods = cluster.controller.cache.childrenOf<V1Pod>('Pod', `${ref.namespace}/${ref.name}`);
    const pod = pods.sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!))[0];
    if (!pod) throw new NotFoundError(`Workspace ${ref.cluster}/${ref.namespace}/${ref.name} has no pod yet`);
    const api = cluster.managed.kubeConfig!.makeApiClient(CoreV1Api);
    try {
      return await api.readNamespacedPodLog({
        name: pod.metadata!.name!,
        namespace: ref.namespace,
        container: pod.spec?.containers?.[0]?.name,
        tailLines,
      });
    } catch (error) {
      throw toBackstageError(error, `read the logs of pod ${pod.metadata!.name}`);
    }
  }

  /**
   * The API server's own dry run of the create, so the form hears what only the cluster
   * knows (a namespace that does not exist, an admission webhook's refusal) before Create.
   */
  async #dryRunOnCluster(cluster: ConnectedCluster, workspace: Workspace, key: string): Promise<void> {
    try {
      await cluster.controller.writer.dryRunCreate(workspace as unknown as KubernetesObject);
    } catch (error) {
      const code = kubeErrorCode(error);
      // A 404 about the namespace, not about the Workspace resource (a CRD that is not installed).
      if (code === 404 && kubeStatusOf(error)?.details?.kind === 'namespaces') {
        throw new InputError(
          `The workspace request is invalid: metadata.namespace: namespace ${workspace.metadata.namespace} does not exist on cluster ${cluster.managed.config.name}; choose an existing namespace or ask an operator to create it`,
        );
      }
      if (code === 409) throw new ConflictError(`Workspace ${key} already exists; choose another name`);
      throw toBackstageError(error, `check the create of workspace ${key} with the API server`);
    }
  }

  /** A connected cluster, or a clear error. */
  cluster(name: string): ConnectedCluster {
    return this.#cluster(name);
  }

  #cluster(name: string): ConnectedCluster {
    const managed = this.clusters.get(name);
    if (!managed) {
      throw new NotFoundError(
        `Unknown cluster '${name}'; configured clusters: ${this.clusters.list().map(c => c.config.name).join(', ') || 'none'}`,
      );
    }
    if (!managed.controller) {
      throw new ServiceUnavailableError(`Cluster '${name}' is not available: ${managed.error ?? 'still connecting'}`);
    }
    return { managed, controller: managed.controller };
  }

  #namespaceEvents(cluster: ConnectedCluster, namespace: string): Promise<CoreV1Event[]> {
    const key = `${cluster.managed.config.name}/${namespace}`;
    const inFlight = this.#eventLists.get(key);
    if (inFlight) return inFlight;
    const api = cluster.managed.kubeConfig!.makeApiClient(CoreV1Api);
    const items = api
      .listNamespacedEvent({ namespace })
      .then(list => list.items)
      .finally(() => this.#eventLists.delete(key));
    this.#eventLists.set(key, items);
    return items;
  }

  /**
   * The Events about a workspace and its pods: from the Event informer while
   * it is current (no request per snapshot), else one shared list of the namespace.
   */
  async #aboutWorkspace(cluster: ConnectedCluster, namespace: string, names: Set<string>): Promise<CoreV1Event[]> {
    const cache = cluster.controller.cache;
    if (cache.isSynced('Event')) return cache.eventsAbout(namespace, names);
    const items = await this.#namespaceEvents(cluster, namespace);
    return items.filter(e => names.has(e.involvedObject.name ?? ''));
  }

  async #events(cluster: ConnectedCluster, workspace: Workspace, pods: V1Pod[]) {
    const names = new Set([workspace.metadata.name, ...pods.map(p => p.metadata!.name!)]);
    try {
      const items = await this.#aboutWorkspace(cluster, workspace.metadata.namespace ?? 'default', names);
      return items
        .map((e: CoreV1Event) => ({
          type: (e.type === 'Warning' ? 'Warning' : 'Normal') as 'Warning' | 'Normal',
          reason: e.reason ?? '',
          message: e.message ?? '',
          object: `${e.involvedObject.kind}/${e.involvedObject.name}`,
          count: e.count ?? 1,
          lastSeen: (e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp)?.toString(),
        }))
        .sort((a, b) => String(b.lastSeen).localeCompare(String(a.lastSeen)))
        .slice(0, 50);
    } catch (error) {
      const message = describeKubeError(error, `list events in namespace "${workspace.metadata.namespace ?? 'default'}"`);
      const reported = `${cluster.managed.config.name}\n${message}`;
      if (!this.#reportedEventFailures.has(reported)) {
        this.#reportedEventFailures.set(reported, true);
        this.logger.warn(`Cluster "${cluster.managed.config.name}": ${message}`);
      }
      return [];
    }
  }
}

/** The limit a workspace of `gpus` would break, if any. */
function overQuota(limits: QuotaLimits, held: QuotaHeld, gpus: number): 'maxGpus' | 'maxWorkspaces' | undefined {
  if (limits.maxWorkspaces !== undefined && held.workspaces + 1 > limits.maxWorkspaces) return 'maxWorkspaces';
  if (limits.maxGpus !== undefined && held.gpus + gpus > limits.maxGpus) return 'maxGpus';
  return undefined;
}

function quotaExceeded(
  owner: string,
  limit: 'maxGpus' | 'maxWorkspaces',
  limits: QuotaLimits,
  held: QuotaHeld,
  gpus: number,
  shape: string,
): NotAllowedError {
  return new NotAllowedError(
    limit === 'maxWorkspaces'
      ? `Quota exceeded for ${owner}: maxWorkspaces is ${limits.maxWorkspaces} and ${held.workspaces} are in use; delete a workspace or ask for a higher quota`
      : `Quota exceeded for ${owner}: maxGpus is ${limits.maxGpus}, ${held.gpus} are in use and this workspace needs ${gpus} (${shape}); choose a smaller instance type, delete a workspace or ask for a higher quota`,
  );
}

function stripLimits(usage: QuotaUsage & { limits?: QuotaLimits }): QuotaUsage {
  const { limits: _limits, ...rest } = usage;
  return rest;
}

function imagesOf(
  workload: V1StatefulSet | V1Job | undefined,
  statuses: Array<{ name: string; image: string; imageID?: string }>,
  workspace: Workspace,
): ImageInfo[] {
  const spec = workload?.spec?.template?.spec;
  const digestOf = (image: string) => {
    const id = statuses.find(s => s.image === image)?.imageID ?? '';
    const at = id.indexOf('@sha256:');
    return at >= 0 ? id.slice(at + 1) : undefined;
  };
  const images: ImageInfo[] = [];
  for (const c of spec?.initContainers ?? []) {
    images.push({ role: c.name.startsWith('puller-') ? 'adapter' : 'init', image: c.image!, digest: digestOf(c.image!) });
  }
  for (const c of spec?.containers ?? []) {
    images.push({ role: workspace.tuning ? 'tuning' : 'inference', image: c.image!, digest: digestOf(c.image!) });
  }
  for (const adapter of workspace.inference?.adapters ?? []) {
    if (adapter.source.image && !images.some(i => i.image === adapter.source.image)) {
      images.push({ role: 'adapter', image: adapter.source.image });
    }
  }
  if (workspace.tuning?.output.image) images.push({ role: 'output', image: workspace.tuning.output.image });
  return images;
}

function endpointOf(workspace: Workspace, summary: WorkspaceSummary, customPresets?: readonly ModelPreset[]): EndpointInfo {
  const { name, namespace = 'default' } = workspace.metadata;
  const serviceUrl = `http://${name}.${namespace}.svc.cluster.local:80`;
  const [model, ...adapters] = workspaceServedModels(workspace, customPresets);
  const legacy = summary.runtime === 'transformers' && workspace.metadata.annotations?.[KaitoAnnotations.runtime] === 'transformers-legacy';
  const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'What is Kubernetes?' }], max_tokens: 50 });
  return {
    serviceUrl,
    api: legacy ? 'legacy-chat' : 'openai',
    models: [model, ...adapters],
    curlExample: `kubectl run -n ${namespace} -it --rm --restart=Never curl --image=curlimages/curl -- curl -s ${serviceUrl}/v1/chat/completions -H 'Content-Type: application/json' -d '${body}'`,
  };
}

/** Maps a Kubernetes API error to the Backstage error the middleware turns into a status. @internal */
export function toBackstageError(error: unknown, doing: string): Error {
  const code = kubeErrorCode(error);
  const text = describeKubeError(error, doing);
  switch (code) {
    case 400:
    case 422:
      return new InputError(text);
    case 403:
      return new NotAllowedError(text);
    case 404:
      return new NotFoundError(text);
    case 409:
      return new ConflictError(text);
    default:
      // Our own errors (no HTTP status, no network code) pass through unchanged.
      return code === undefined && !(error instanceof Error && 'code' in error) ? (error as Error) : new ServiceUnavailableError(text);
  }
}

/** A cluster that is not connected, as a list reports it. */
function clusterError(managed: { config: { name: string }; error?: string }): WorkspaceListResponse['errors'][number] {
  return { cluster: managed.config.name, message: managed.error ?? 'connecting' };
}
