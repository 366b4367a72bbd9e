import { Workspace } from '../../api/workspace';
import { KaitoAnnotations } from '../../labels';
import { findPreset } from '../../presets/findPreset';
import { Issue } from '../../schema/issue';
import { checkFit } from '../../sizing/checkFit';
import { GpuSku } from '../../sku/gpuSku';
import { listKnownSkuNames, lookupSku } from '../../sku/lookupSku';
import { parseMigProfile } from '../../sku/migProfiles';
import { error, warning } from '../issues';
import { workspaceRuntime } from '../runtime';
import { ValidationContext } from '../validationContext';

const SUGGESTED_CURRENT_SKUS = 'Standard_NC24ads_A100_v4 or Standard_NV36ads_A10_v5';

/** instanceType, SKU, partition and GPU fit rules. @internal */
export function resourceRules(workspace: Workspace, context: ValidationContext): Issue[] {
  const { resource } = workspace;
  const instanceType = resource.instanceType?.trim() ?? '';
  const nap = context.nodeAutoProvisioning !== false;
  const issues: Issue[] = [];

  if (resource.partition && nap) {
    issues.push(
      error('resource.partition', 'GPU partitioning is only supported with BYO nodes; remove partition or use your own nodes'),
    );
  }
  if (!nap) {
    if (instanceType) {
      issues.push(
        error(
          'resource.instanceType',
          'instanceType must be empty when node auto-provisioning is disabled (BYO scenario); select your GPU nodes with labelSelector instead',
        ),
      );
    }
    if (resource.partition) {
      // A partition is one slice or a few whole GPUs of a node: the node-wide fit does not apply.
      return [...issues, ...partitionRules(workspace, context)];
    }
    return [...issues, ...byoFitRules(workspace, context)];
  }
  if (!instanceType) {
    return [
      ...issues,
      error(
        'resource.instanceType',
        `instanceType is required when node auto-provisioning is enabled; for example ${SUGGESTED_CURRENT_SKUS}`,
      ),
    ];
  }
  const customSkus = context.catalog?.customSkus;
  const sku = lookupSku(instanceType, { customSkus });
  if (!sku) {
    return [...issues, isAzureGpuSeriesName(instanceType, context) ? unknownAzureSeriesIssue(instanceType) : unknownSkuIssue(instanceType, context)];
  }
  if (sku.cloud !== 'custom' && sku.cloud !== context.cloud) {
    return [
      ...issues,
      error('resource.instanceType', `${sku.name} is an ${cloudName(sku.cloud)} instance type, but this cluster runs on ${cloudName(context.cloud)}`),
    ];
  }
  if (sku.retired) {
    issues.push(
      warning(
        'resource.instanceType',
        `${sku.name} (${sku.gpuModel}) was removed from Kaito's SKU table after v0.4.6 because its CUDA compute capability is below 8.0; ` +
          `current Kaito runtimes may not run on it. Prefer a current SKU such as ${SUGGESTED_CURRENT_SKUS}`,
      ),
    );
  }
  return [...issues, ...fitRules(workspace, sku, context)];
}

function fitRules(workspace: Workspace, sku: GpuSku, context: ValidationContext): Issue[] {
  const presetName = workspace.inference?.preset?.name ?? workspace.tuning?.preset?.name;
  const preset = presetName ? findPreset(presetName, { customPresets: context.catalog?.customPresets }) : undefined;
  if (!preset) {
    return [];
  }
  const bypass = workspace.metadata.annotations?.[KaitoAnnotations.bypassResourceChecks] !== undefined;
  const memoryIssue = bypass ? warning : error;
  const count = workspace.resource.count ?? 1;
  const issues: Issue[] = [];

  if (workspace.tuning) {
    // Kaito's webhook does not size tuning jobs (only count > 1 is refused), so
    // neither do we: a job that needs more memory fails with OOMKilled, and the
    // warning says so beforehand.
    const needed = preset.tuningMemoryGiB ?? preset.weightsGiB;
    const total = count * sku.gpuMemoryGiB;
    if (total < needed) {
      issues.push(
        warning(
          'resource.instanceType',
          `Insufficient total GPU memory for tuning: Instance type ${sku.name} has a total of ${total} GiB, but tuning ${preset.name} needs at least ${needed} GiB; the tuning job is likely to be OOMKilled`,
        ),
      );
    }
    return issues;
  }
  if (workspace.inference?.template) {
    return [];
  }
  const runtime = workspaceRuntime(workspace);
  // Kaito refuses several transformers nodes only when the model would have to be split over them.
  if (runtime === 'transformers' && count > 1 && preset.weightsGiB > sku.gpuMemoryGiB) {
    issues.push(
      error('resource.count', 'Multi-node distributed inference is not supported with Huggingface Transformers runtime; set count to 1 and pick a larger SKU'),
    );
  }
  if (runtime === 'vllm' && count > 1) {
    issues.push(warning('resource.count', 'count is deprecated and ignored by the vLLM runtime: Kaito estimates the node count from the model size'));
  }
  if (count * sku.gpuCount < preset.gpuCountRequirement) {
    issues.push(
      warning(
        'resource.instanceType',
        `Insufficient number of GPUs: Instance type ${sku.name} provides ${count * sku.gpuCount}, but preset ${preset.name} requires at least ${preset.gpuCountRequirement}`,
      ),
    );
  }
  const fit = checkFit({ preset, sku, runtime, count, maxModelLen: context.maxModelLen });
  if (!fit.fits) {
    issues.push(memoryIssue('resource.instanceType', fit.message));
  }
  return issues;
}

/**
 * Kaito's webhook on BYO nodes: the matching nodes' GPU memory together must hold the model's
 * weights, and the transformers runtime cannot split a model over nodes.
 */
function byoFitRules(workspace: Workspace, context: ValidationContext): Issue[] {
  const presetName = workspace.inference?.preset?.name;
  const preset = presetName ? findPreset(presetName, { customPresets: context.catalog?.customPresets }) : undefined;
  if (!preset || !context.byoNodes || workspace.inference?.template) {
    return [];
  }
  const { count, shape } = context.byoNodes;
  const bypass = workspace.metadata.annotations?.[KaitoAnnotations.bypassResourceChecks] !== undefined;
  const issues: Issue[] = [];
  const total = count * shape.gpuMemoryGiB;
  if (total < preset.weightsGiB) {
    issues.push(
      (bypass ? warning : error)(
        'resource.labelSelector',
        `Insufficient total GPU memory: the ${count} node${count === 1 ? '' : 's'} matching the selector have a total of ${total}Gi, ` +
          `but preset ${preset.name} requires at least ${preset.weightsGiB}Gi`,
      ),
    );
  }
  if (workspaceRuntime(workspace) === 'transformers' && preset.weightsGiB > shape.gpuMemoryGiB) {
    issues.push(error('inference', 'Multi-node distributed inference is not supported with Huggingface Transformers runtime'));
  }
  return issues;
}

/** Kaito v0.12's partition rules on BYO nodes: the mode, its feature gate, its fields, and a MIG slice's fit. */
function partitionRules(workspace: Workspace, context: ValidationContext): Issue[] {
  const partition = workspace.resource.partition!;
  const gates = context.featureGates ?? {};
  if (partition.mode === 'mig') {
    if (!gates.enableMIG) return [error('resource.partition', 'MIG support is not enabled, set feature gate enableMIG=true')];
    if (partition.count !== undefined) return [error('resource.partition.count', 'count is only valid for accelerator mode')];
    const profile = parseMigProfile(partition.profile ?? '');
    if (!profile.ok) return [error('resource.partition.profile', profile.message)];
    const presetName = workspace.inference?.preset?.name;
    const preset = presetName ? findPreset(presetName, { customPresets: context.catalog?.customPresets }) : undefined;
    if (preset && preset.weightsGiB > profile.memoryGiB) {
      const bypass = workspace.metadata.annotations?.[KaitoAnnotations.bypassResourceChecks] !== undefined;
      return [
        (bypass ? warning : error)(
          'resource.partition',
          `Model ${preset.name} requires at least ${preset.weightsGiB}Gi for weights, which exceeds the ${partition.profile} MIG slice capacity of ${profile.memoryGiB}Gi`,
        ),
      ];
    }
    return [];
  }
  if (partition.mode === 'accelerator') {
    if (!gates.enableAccelerator) {
      return [error('resource.partition', 'accelerator partition support is not enabled, set feature gate enableAccelerator=true')];
    }
    const issues: Issue[] = [];
    if (partition.profile) issues.push(error('resource.partition.profile', 'profile is not valid for accelerator mode'));
    if (partition.count === undefined) issues.push(error('resource.partition.count', 'missing field(s): partition.count'));
    return issues;
  }
  return [
    error('resource.partition.mode', `unsupported partition mode "${String(partition.mode)}", supported modes are "mig" and "accelerator"`),
  ];
}

/** Kaito accepts any Azure size named `Standard_N…` or `Standard_D…`, GPU shape known or not. */
function isAzureGpuSeriesName(instanceType: string, context: ValidationContext): boolean {
  return context.cloud === 'azure' && /^Standard_[ND]/.test(instanceType);
}

function unknownAzureSeriesIssue(instanceType: string): Issue {
  return warning(
    'resource.instanceType',
    `${instanceType} is not in Kaito's SKU table: Kaito accepts any Azure N- or D-series size, but its GPU shape is unknown here, ` +
      'so GPU fit is not checked and one GPU per node is assumed. Declare it with its GPU shape under kaito.catalog.customSkus to have it checked',
  );
}

function unknownSkuIssue(instanceType: string, context: ValidationContext): Issue {
  const known = listKnownSkuNames({ customSkus: context.catalog?.customSkus });
  const names = [...known[context.cloud], ...known.custom];
  return error(
    'resource.instanceType',
    `Unsupported instance type ${instanceType}. Supported SKUs on ${cloudName(context.cloud)}: ${names.join(', ')}. ` +
      'To use another SKU, declare it with its GPU shape under kaito.catalog.customSkus',
  );
}

function cloudName(cloud: GpuSku['cloud']): string {
  return { azure: 'Azure', aws: 'AWS', arc: 'Azure Arc', custom: 'custom' }[cloud];
}
