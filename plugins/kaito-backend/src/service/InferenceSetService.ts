import { KubernetesObject } from '@kubernetes/client-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CreateInferenceSetRequest,
  InferenceSet,
  InferenceSetSummary,
  KaitoAnnotations,
  KaitoLabels,
  Workspace,
  WorkspaceRef,
  computeTargetNodeCount,
  findPreset,
  inferenceSetAutoscaling,
  inferenceSetFromRequest,
  lookupSku,
  renderInferenceSetWorkspace,
  replicasAllowedByNodeCountLimit,
  replicaWorkspaceRequest,
  summarizeInferenceSet,
  validateInferenceSetCreate,
  workspaceFromRequest,
  workspaceRuntime,
} from '@kaito-backstage/plugin-kaito-common';
import { allowedNodeClassNames, KaitoConfig } from '../config';
import { ConnectedCluster, toBackstageError, WorkspaceService } from './WorkspaceService';
import { KaitoWorkspaceResource } from './permissions';

/** What one replica takes: its nodes and GPUs, and how to say it. */
interface ReplicaShape {
  nodes: number;
  gpus: number;
  text: string;
}

/** @internal */
export interface InferenceSetCreated {
  inferenceSet: InferenceSetSummary;
  manifest: InferenceSet;
  /** GPUs every replica holds, and the most the request may grow to (autoscaling max). */
  gpusPerReplica: number;
  maxGpus: number;
}

/**
 * InferenceSets through the portal: created with the checks of a workspace create
 * (who asks, Kaito's rules, quota for every replica, the autoscaling maximum too),
 * scaled with the quota checked for the replicas added, listed and deleted. The
 * controller charges each child Workspace to the owner as it makes it.
 *
 * @internal
 */
export class InferenceSetService {
  constructor(
    private readonly workspaces: WorkspaceService,
    private readonly config: KaitoConfig,
  ) {}

  #shape(workspace: Workspace): ReplicaShape {
    const preset = findPreset(workspace.inference?.preset?.name ?? '', { customPresets: this.config.catalog.customPresets });
    const sku = workspace.resource.instanceType ? lookupSku(workspace.resource.instanceType, { customSkus: this.config.catalog.customSkus }) : undefined;
    const nodes = computeTargetNodeCount(workspace, { preset, sku, runtime: workspaceRuntime(workspace) });
    return { nodes, gpus: nodes * (sku?.gpuCount ?? 0), text: `${nodes} × ${sku?.name ?? 'BYO node'}` };
  }

  /** Refuses `more` replicas of `shape` (and as many workspaces) that do not fit the owner's quota next to what it holds. */
  async #checkQuota(owner: string, more: number, shape: ReplicaShape, why: string): Promise<void> {
    if (more <= 0) return;
    const usage = await this.workspaces.quotaUsage(owner);
    const limits = { maxGpus: usage.maxGpus, maxWorkspaces: usage.maxWorkspaces };
    const held = { gpus: usage.usedGpus, workspaces: usage.usedWorkspaces };
    const gpus = more * shape.gpus;
    if (limits.maxGpus !== undefined && held.gpus + gpus > limits.maxGpus) {
      throw new NotAllowedError(
          `Quota exceeded for ${owner}: maxGpus is ${limits.maxGpus}, ${held.gpus} are in use and ${why} needs ${gpus} (${more} replica${more === 1 ? '' : 's'} of ${shape.text}, ${shape.gpus} GPUs each); ask for fewer replicas, a smaller instance type, or a higher quota`,
      );
    }
    if (limits.maxWorkspaces !== undefined && held.workspaces + more > limits.maxWorkspaces) {
      throw new NotAllowedError(
          `Quota exceeded for ${owner}: maxWorkspaces is ${limits.maxWorkspaces}, ${held.workspaces} are in use and ${why} needs ${more} more (one per replica); ask for fewer replicas or a higher quota`,
      );
    }
  }

  #cached(ref: WorkspaceRef): { cluster: ConnectedCluster; set: InferenceSet } {
    const cluster = this.workspaces.cluster(ref.cluster);
    const set = cluster.controller.cache.get<KubernetesObject>('InferenceSet', ref.name, ref.namespace) as unknown as InferenceSet | undefined;
    if (!set) throw new NotFoundError(`InferenceSet ${ref.cluster}/${ref.namespace}/${ref.name} not found`);
    return { cluster, set };
  }

  #children(cluster: ConnectedCluster, set: InferenceSet): Workspace[] {
    return cluster.controller.cache
      .list<KubernetesObject>('Workspace', set.metadata.namespace)
      .map(ws => ws as unknown as Workspace)
      .filter(ws => ws.metadata.labels?.[KaitoLabels.inferenceSetCreatedBy] === set.metadata.name && (ws.metadata.ownerReferences ?? []).some(r => r.kind === 'InferenceSet' && r.uid === set.metadata.uid));
  }

  /** What the permission policy sees of a set: the Workspace its replicas are (owner annotations and all). */
  resourceOf(cluster: string, set: InferenceSet): KaitoWorkspaceResource {
    const workspace = renderInferenceSetWorkspace(set, { nodeAutoProvisioning: true, name: set.metadata.name });
    return { cluster, workspace: { ...workspace, metadata: { ...workspace.metadata, namespace: set.metadata.namespace } } };
  }

  /** Every set the caller may read, on every connected cluster, as the cluster reports it. */
  list(readable: (resource: KaitoWorkspaceResource) => boolean): InferenceSetSummary[] {
    const items: InferenceSetSummary[] = [];
    for (const { name } of this.workspaces.listClusters().filter(c => !c.error)) {
      const cluster = this.workspaces.cluster(name);
      for (const object of cluster.controller.cache.list<KubernetesObject>('InferenceSet')) {
        const set = object as unknown as InferenceSet;
        if (readable(this.resourceOf(name, set))) items.push(summarizeInferenceSet(name, set, this.#children(cluster, set)));
      }
    }
    return items.sort((a, b) => a.key.localeCompare(b.key));
  }

  get(ref: WorkspaceRef): { summary: InferenceSetSummary; set: InferenceSet } {
    const { cluster, set } = this.#cached(ref);
    return { summary: summarizeInferenceSet(ref.cluster, set, this.#children(cluster, set)), set };
  }

  /** The ready replicas' workspace refs, for chat. */
  readyReplicas(ref: WorkspaceRef): WorkspaceRef[] {
    const { cluster, set } = this.#cached(ref);
    return this.#children(cluster, set)
      .filter(ws => ws.status?.state === 'Ready' && !ws.metadata.deletionTimestamp)
      .map(ws => ({ cluster: ref.cluster, namespace: ws.metadata.namespace ?? ref.namespace, name: ws.metadata.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async create(input: CreateInferenceSetRequest, credentials: BackstageCredentials, dryRun = false): Promise<InferenceSetCreated> {
    const authorized = await this.workspaces.access.authorizeCreate(credentials, replicaWorkspaceRequest(input));
    const request = { ...input, ...authorized.request };
    const cluster = this.workspaces.cluster(request.cluster);
    const config = cluster.managed.config;
    const set = inferenceSetFromRequest(request, authorized.requestedBy);
    const validation = validateInferenceSetCreate(set, {
      cloud: config.cloud,
      nodeAutoProvisioning: config.provisioner !== 'byo',
      allowedNodeClassNames: allowedNodeClassNames(config),
      featureGates: config.featureGates,
      catalog: this.config.catalog,
    });
    const errors = validation.issues.filter(i => i.severity !== 'warning');
    if (errors.length) throw new InputError(`The inference set request is invalid: ${errors.map(i => `${i.path}: ${i.message}`).join('; ')}`);
    const replica = workspaceFromRequest(replicaWorkspaceRequest(request), authorized.requestedBy);
    authorized.check(replica);
    const shape = this.#shape(replica);
    const allowed = replicasAllowedByNodeCountLimit(set, shape.nodes);
    const maxReplicas = request.autoscaling?.maxReplicas ?? request.replicas;
    if (allowed !== undefined && maxReplicas > allowed) {
      throw new InputError(
        `nodeCountLimit: ${request.nodeCountLimit} nodes hold ${allowed} replica${allowed === 1 ? '' : 's'} of ${shape.nodes} node${shape.nodes === 1 ? '' : 's'}, but ${request.autoscaling ? 'autoscaling.maxReplicas' : 'replicas'} is ${maxReplicas}; raise nodeCountLimit or ask for fewer replicas`,
      );
    }
    // Autoscaling may add replicas later without asking: its maximum must fit now.
    await this.#checkQuota(request.owner, maxReplicas, shape, request.autoscaling ? `autoscaling up to ${maxReplicas} replicas` : `${maxReplicas} replicas`);
    if (cluster.controller.cache.get('InferenceSet', request.name, request.namespace)) {
      throw new ConflictError(`InferenceSet ${request.cluster}/${request.namespace}/${request.name} already exists; choose another name`);
    }
    const result = (manifest: InferenceSet): InferenceSetCreated => ({
      inferenceSet: summarizeInferenceSet(request.cluster, manifest, []),
      manifest,
      gpusPerReplica: shape.gpus,
      maxGpus: maxReplicas * shape.gpus,
    });
    if (dryRun) return result(set);
    try {
      const created = await cluster.controller.writer.create(set as unknown as KubernetesObject);
      if (!created) throw new ConflictError(`InferenceSet ${request.cluster}/${request.namespace}/${request.name} already exists; choose another name`);
      return result(created as unknown as InferenceSet);
    } catch (error) {
      throw toBackstageError(error, `create inference set ${request.cluster}/${request.namespace}/${request.name}`);
    }
  }

  /**
   * Sets `spec.replicas`. Replicas added must fit the owner's quota (they are charged as the
   * controller makes them) and the node count limit; with autoscaling, within its min..max.
   */
  async scale(ref: WorkspaceRef, replicas: number, dryRun = false): Promise<InferenceSetSummary> {
    const { cluster, set } = this.#cached(ref);
    const key = `${ref.cluster}/${ref.namespace}/${ref.name}`;
    const owner = set.spec.template.metadata?.annotations?.[KaitoAnnotations.backstageOwner] ?? set.metadata.annotations?.[KaitoAnnotations.backstageOwner];
    const replica = renderInferenceSetWorkspace(set, { nodeAutoProvisioning: cluster.managed.config.provisioner !== 'byo', name: ref.name });
    const shape = this.#shape(replica);
    const scaling = inferenceSetAutoscaling(set, shape.nodes);
    if (scaling && (replicas < scaling.minReplicas || replicas > scaling.maxReplicas)) {
      throw new InputError(`replicas: ${key} autoscales between ${scaling.minReplicas} and ${scaling.maxReplicas} replicas; ask for a count in that range`);
    }
    const allowed = replicasAllowedByNodeCountLimit(set, shape.nodes);
    if (allowed !== undefined && replicas > allowed) {
      throw new InputError(`replicas: nodeCountLimit ${set.spec.nodeCountLimit} of ${key} holds ${allowed} replica${allowed === 1 ? '' : 's'} of ${shape.nodes} node${shape.nodes === 1 ? '' : 's'}; ask for at most ${allowed}`);
    }
    const current = this.#children(cluster, set).filter(ws => !ws.metadata.deletionTimestamp).length;
    if (owner) await this.#checkQuota(owner, replicas - current, shape, `scaling ${key} from ${current} to ${replicas} replicas`);
    if (dryRun) return summarizeInferenceSet(ref.cluster, { ...set, spec: { ...set.spec, replicas } }, this.#children(cluster, set));
    try {
      const patched = await cluster.controller.writer.mergePatch({
        apiVersion: set.apiVersion,
        kind: 'InferenceSet',
        metadata: { name: ref.name, namespace: ref.namespace },
        spec: { replicas },
      } as KubernetesObject);
      return summarizeInferenceSet(ref.cluster, patched as unknown as InferenceSet, this.#children(cluster, set));
    } catch (error) {
      throw toBackstageError(error, `scale inference set ${key}`);
    }
  }

  /** Deletes the set; Kaito (or the portal's controller) deletes its Workspaces, whose quota goes with them. */
  async delete(ref: WorkspaceRef): Promise<void> {
    const { cluster, set } = this.#cached(ref);
    try {
      await cluster.controller.writer.delete(set as unknown as KubernetesObject);
    } catch (error) {
      throw toBackstageError(error, `delete inference set ${ref.cluster}/${ref.namespace}/${ref.name}`);
    }
  }
}
