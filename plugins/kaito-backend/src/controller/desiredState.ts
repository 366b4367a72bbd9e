import { KubernetesObject } from '@kubernetes/client-node';
import {
  ConditionReasons,
  GpuSku,
  KaitoCatalog,
  LabelledNode,
  KaitoLabels,
  RenderSettings,
  Workspace,
  computeWorkspaceHash,
  renderNodeClaims,
  renderNodePool,
  renderWorkspaceChildren,
  resolveRenderContext,
  byoGpuShape,
  validateWorkspaceCreate,
  workspaceOwnerReference,
  explicitMaxModelLen,
  benchmarkRuntimeConfig,
  workspaceRuntime,
  findPreset,
} from '@kaito-backstage/plugin-kaito-common';
import { allowedNodeClassNames, ClusterConfig, KaitoConfig } from '../config';

/** The plan for one pass: can the workspace be provisioned, and how big. @internal */
export type WorkspacePlan =
  | { ok: true; hash: string; targetNodeCount: number; byoGpuShape?: GpuSku; nvmeSku: boolean }
  | { ok: false; invalid: { reason: string; message: string } };

/**
 * What a cluster's workspaces should look like, from the domain library's
 * validation and renderers with this cluster's settings. Pure: no IO.
 *
 * @internal
 */
export class DesiredState {
  readonly #cluster: ClusterConfig;
  readonly #settings: RenderSettings;
  readonly #catalog?: KaitoCatalog;

  constructor(cluster: ClusterConfig, config: KaitoConfig, catalog?: KaitoCatalog) {
    this.#cluster = cluster;
    this.#catalog = catalog;
    this.#settings = {
      cloud: cluster.cloud,
      provisioner: cluster.provisioner,
      presetRegistry: config.images.presetRegistry,
      baseImageTag: config.images.baseImageTag,
      nodeClassName: cluster.nodeClassName,
      imageMirror: config.images.mirrors,
      imagePullSecrets: config.images.imagePullSecrets,
      allowTrustRemoteCode: config.security.allowTrustRemoteCode,
      catalog,
      now: () => new Date(),
    };
  }

  /**
   * Validates the workspace (Kaito's webhook rules) and sizes it. A preset workspace on
   * bring-your-own nodes is sized from the GPU labels of `byoNodes`, the nodes its
   * selector matches, which must exist and share one GPU shape. `configMap` is the
   * workspace's inference or tuning ConfigMap as read (Kaito's webhook checks it); an
   * inference one's max-model-len sizes the KV cache.
   */
  plan(workspace: Workspace, byoNodes?: readonly LabelledNode[], configMap?: { found: boolean; yaml?: string }): WorkspacePlan {
    const inferenceConfig = workspace.inference ? configMap : undefined;
    const tuningConfig = workspace.tuning ? configMap : undefined;
    const maxModelLen = explicitMaxModelLen(inferenceConfig?.yaml);
    // As Kaito's webhook: a preset on BYO nodes needs matching nodes of one GPU shape, whose
    // memory together must hold the weights; a partition is sized from itself, not the nodes.
    let byo: GpuSku | undefined;
    if (byoNodes && workspace.inference?.preset && !workspace.resource.instanceType && !workspace.resource.partition) {
      const shape = byoGpuShape(byoNodes);
      if (!shape.ok) {
        return { ok: false, invalid: { reason: ConditionReasons.InvalidWorkspace, message: `resource.labelSelector: ${shape.message}` } };
      }
      byo = shape.sku;
    }
    const validation = validateWorkspaceCreate(workspace, {
      maxModelLen,
      cloud: this.#cluster.cloud,
      nodeAutoProvisioning: this.#cluster.provisioner !== 'byo',
      allowedNodeClassNames: allowedNodeClassNames(this.#cluster),
      featureGates: this.#cluster.featureGates,
      ...(inferenceConfig ? { inferenceConfig } : {}),
      ...(tuningConfig ? { tuningConfig } : {}),
      ...(byo ? { byoNodes: { count: byoNodes!.length, shape: byo } } : {}),
      catalog: this.#catalog,
      // The quick starts' placeholder images must run as written on a simulated cluster;
      // a real cluster keeps Kaito's rule.
      imageReferences: this.#cluster.type === 'simulator' ? 'warn' : 'strict',
    });
    if (!validation.ok) {
      const errors = validation.issues.filter(i => i.severity !== 'warning');
      return {
        ok: false,
        invalid: {
          reason: ConditionReasons.InvalidWorkspace,
          message: errors.map(i => `${i.path}: ${i.message}`).join('; '),
        },
      };
    }
    const context = resolveRenderContext(workspace, { ...this.#settings, byoGpuShape: byo, maxModelLen });
    return {
      ok: true,
      hash: computeWorkspaceHash(workspace),
      targetNodeCount: context.targetNodeCount,
      ...(byo ? { byoGpuShape: byo } : {}),
      // Only a preset's weights go to the NVMe claim; a template brings its own volumes.
      nvmeSku: Boolean(context.sku?.nvme && context.preset && workspace.inference && !workspace.inference.template),
    };
  }

  /** `count` new NodeClaims, named from the current time so each pass's are new. */
  nodeClaims(workspace: Workspace, count: number, now: Date): KubernetesObject[] {
    const context = resolveRenderContext(workspace, { ...this.#settings, now: () => now });
    return renderNodeClaims(context, count) as unknown as KubernetesObject[];
  }

  nodePool(workspace: Workspace, replicas: number): KubernetesObject {
    const context = resolveRenderContext(workspace, this.#settings);
    const pool = renderNodePool(context)!;
    return { ...pool, spec: { ...(pool as any).spec, replicas } } as unknown as KubernetesObject;
  }

  controllerRevision(workspace: Workspace, hash: string, revision: number): KubernetesObject {
    return {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${workspace.metadata.name}-${hash.slice(0, 5)}`,
        namespace: workspace.metadata.namespace,
        labels: { [KaitoLabels.revisionWorkspaceName]: workspace.metadata.name },
        annotations: { 'workspace.kaito.io/hash': hash },
        ownerReferences: [workspaceOwnerReference(workspace)],
      },
      data: { resource: workspace.resource, inference: workspace.inference, tuning: workspace.tuning },
      revision,
    } as unknown as KubernetesObject;
  }

  /**
   * Whether the portal, not Kaito, decides `--trust-remote-code` for this workspace: its
   * model is no catalog preset, so only an administrator's annotation turns the flag on.
   */
  decidesTrustRemoteCode(workspace: Workspace): boolean {
    const name = workspace.inference?.preset?.name;
    return Boolean(name) && !findPreset(name!, { customPresets: this.#catalog?.customPresets });
  }

  /** The kaito-base tag this cluster deploys. */
  get baseImageTag(): string | undefined {
    return this.#settings.baseImageTag;
  }

  /** The engine metadata Kaito v0.12 records beside a benchmark result: engine, its version in this cluster's base image, quantization. */
  benchmarkRuntime(workspace: Workspace): Record<string, string> {
    return benchmarkRuntimeConfig(workspaceRuntime(workspace), { baseImageTag: this.#settings.baseImageTag });
  }

  /** ConfigMaps, Services, then the inference StatefulSet or the tuning Job. */
  /** `useLocalNvme`: the weights go to a `kaito-local-nvme-disk` claim on an NVMe SKU. */
  children(workspace: Workspace, targetNodeCount: number, byo?: GpuSku, useLocalNvme = false): KubernetesObject[] {
    const children = renderWorkspaceChildren(workspace, { ...this.#settings, targetNodeCount, byoGpuShape: byo, useLocalNvme });
    return [
      ...children.configMaps,
      ...children.services,
      ...(children.statefulSet ? [children.statefulSet] : []),
      ...(children.job ? [children.job] : []),
    ] as unknown as KubernetesObject[];
  }
}
