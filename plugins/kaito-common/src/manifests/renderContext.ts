import { Workspace } from '../api/workspace';
import { KaitoAnnotations } from '../labels';
import { findPreset } from '../presets/findPreset';
import { InferenceRuntime, ModelPreset } from '../presets/modelPreset';
import { estimateVllmNodeCount, requestedNodeCount } from '../sizing/estimateNodeCount';
import { GpuSku } from '../sku/gpuSku';
import { lookupSku } from '../sku/lookupSku';
import { workspaceRuntime } from '../validation/runtime';
import { RenderSettings } from './renderSettings';

/**
 * Everything a renderer derives from a workspace and the settings.
 *
 * @public
 */
export interface RenderContext {
  workspace: Workspace;
  settings: RenderSettings;
  preset?: ModelPreset;
  sku?: GpuSku;
  runtime: InferenceRuntime;
  gpusPerNode: number;
  targetNodeCount: number;
  revision: string;
}

/**
 * Resolves preset, SKU, runtime, node count and revision once for all renderers.
 *
 * @public
 */
export function resolveRenderContext(workspace: Workspace, settings: RenderSettings): RenderContext {
  const presetName = workspace.inference?.preset?.name ?? workspace.tuning?.preset.name;
  const preset = presetName ? findPreset(presetName, { customPresets: settings.catalog?.customPresets }) : undefined;
  const sku = workspace.resource.instanceType
    ? lookupSku(workspace.resource.instanceType, { customSkus: settings.catalog?.customSkus })
    : settings.byoGpuShape;
  const runtime = workspaceRuntime(workspace);
  const statusCount = workspace.status?.targetNodeCount;
  return {
    workspace,
    settings,
    preset,
    sku,
    runtime,
    // A MIG slice is one device to the model server, as Kaito v0.12's MIG GPU config says.
    gpusPerNode: workspace.resource.partition?.mode === 'mig' ? 1 : (sku?.gpuCount ?? settings.gpusPerNode ?? 1),
    targetNodeCount:
      settings.targetNodeCount ??
      (statusCount && statusCount > 0 ? statusCount : computeTargetNodeCount(workspace, { preset, sku, runtime, maxModelLen: settings.maxModelLen })),
    revision: settings.revision ?? workspace.metadata.annotations?.[KaitoAnnotations.revision] ?? '1',
  };
}

/**
 * Kaito's target node count (kaito.md §2.4): `resource.count` for transformers, tuning
 * and templates; the vLLM estimator for vLLM presets on a known SKU. When the estimator
 * refuses, the requested count is returned and validation reports why.
 *
 * @public
 */
export function computeTargetNodeCount(
  workspace: Workspace,
  input: { preset?: ModelPreset; sku?: GpuSku; runtime: InferenceRuntime; maxModelLen?: number },
): number {
  const requested = requestedNodeCount(workspace.resource.count);
  if (!workspace.inference?.preset || input.runtime !== 'vllm' || !input.preset || !input.sku) {
    return requested;
  }
  const estimate = estimateVllmNodeCount(input.preset, input.sku, input.maxModelLen);
  return estimate.ok ? estimate.nodeCount : requested;
}
