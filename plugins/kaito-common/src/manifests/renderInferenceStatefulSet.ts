import { Container, EnvVar, PodSpec, StatefulSet, Volume, VolumeMount } from '../api/kubernetes';
import { KaitoAnnotations, KaitoLabels } from '../labels';
import { baseImage } from '../presets/findPreset';
import { vllmUsesDeepGemm } from '../presets/vllmModelFlags';
import { renderAdapterParts } from './adapters';
import { shellCommand } from './commandLine';
import { CONFIG_DIR, leaderAddress, transformersCommandLine, vllmCommandLine, WEIGHTS_DIR } from './inferenceCommand';
import { childMetadata, mirrorImage } from './metadata';
import { inferenceGpuResourceName, migTolerations } from './gpuResource';
import { gpuTolerations, workspaceNodeAffinity } from './podScheduling';
import { benchmarkStartupProbe, multiNodeProbes, singleNodeProbes } from './probes';
import { RenderContext } from './renderContext';
import { headlessServiceName, INFERENCE_CONTAINER_PORT } from './renderServices';

/** The inference pod's weights volume (an emptyDir, or a claim on NVMe). @public */
export const MODEL_WEIGHTS_VOLUME = 'model-weights-volume';
/** The StorageClass Kaito puts a preset's weights on when the SKU has NVMe. @public */
export const LOCAL_NVME_STORAGE_CLASS = 'kaito-local-nvme-disk';
const WEIGHTS_VOLUME = MODEL_WEIGHTS_VOLUME;

/**
 * The inference StatefulSet (kaito.md §2.6): one pod per node, all GPUs of the node,
 * Kaito's tolerations, node affinity, volumes, env and probes; for a template workspace,
 * the user's pod template with Kaito's affinity and tolerations.
 *
 * @public
 */
export function renderInferenceStatefulSet(context: RenderContext): StatefulSet | undefined {
  const { workspace } = context;
  if (!workspace.inference) {
    return undefined;
  }
  const podLabels = { [KaitoLabels.workspace]: workspace.metadata.name };
  const spec = workspace.inference.template ? templatePodSpec(context) : presetPodSpec(context);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: childMetadata(workspace, workspace.metadata.name, context.revision),
    spec: {
      replicas: context.targetNodeCount,
      selector: { matchLabels: podLabels },
      podManagementPolicy: 'Parallel',
      ...(workspace.inference.template ? {} : { serviceName: headlessServiceName(workspace.metadata.name) }),
      persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' },
      template: {
        metadata: {
          labels: { ...(workspace.inference.template?.metadata?.labels ?? {}), ...podLabels },
          ...(workspace.inference.template?.metadata?.annotations
            ? { annotations: workspace.inference.template.metadata.annotations }
            : {}),
        },
        spec,
      },
      ...(useNvmeClaim(context)
        ? {
            volumeClaimTemplates: [
              {
                metadata: { name: WEIGHTS_VOLUME, labels: { [KaitoLabels.workspace]: workspace.metadata.name } },
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  storageClassName: LOCAL_NVME_STORAGE_CLASS,
                  resources: { requests: { storage: `${context.preset!.diskGiB}Gi` } },
                },
              },
            ],
          }
        : {}),
    },
  };
}

function useNvmeClaim(context: RenderContext): boolean {
  return Boolean(context.settings.useLocalNvme && context.sku?.nvme && context.preset && !context.workspace.inference?.template);
}

function presetPodSpec(context: RenderContext): PodSpec {
  const { workspace, settings, preset, runtime, gpusPerNode, targetNodeCount } = context;
  const inference = workspace.inference!;
  const multiNode = targetNodeCount > 1;
  const adapters = renderAdapterParts(inference.adapters, settings);
  const registry = settings.presetRegistry;

  const volumes: Volume[] = [
    { name: 'dshm', emptyDir: { medium: 'Memory' } },
    ...(useNvmeClaim(context) ? [] : [{ name: WEIGHTS_VOLUME, emptyDir: {} }]),
    ...(inference.config ? [{ name: 'config-volume', configMap: { name: inference.config } }] : []),
    ...adapters.volumes,
  ];
  const mounts: VolumeMount[] = [
    { name: 'dshm', mountPath: '/dev/shm' },
    { name: WEIGHTS_VOLUME, mountPath: WEIGHTS_DIR },
    ...(inference.config ? [{ name: 'config-volume', mountPath: CONFIG_DIR }] : []),
    ...adapters.mainMounts,
  ];
  const env: EnvVar[] = [
    ...(runtime === 'vllm'
      ? [
          { name: 'VLLM_USE_FLASHINFER_SAMPLER', value: '0' },
          // DeepGEMM JIT-compiles with nvcc, which the base image lacks: on only where the model needs it.
          { name: 'VLLM_USE_DEEP_GEMM', value: preset && vllmUsesDeepGemm(preset) ? '1' : '0' },
        ]
      : []),
    ...(inference.preset?.presetOptions?.modelAccessSecret
      ? [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: inference.preset.presetOptions.modelAccessSecret, key: 'HF_TOKEN', optional: true } } }]
      : []),
    ...(multiNode ? [{ name: 'POD_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" } } }] : []),
    ...adapters.env,
  ];
  const initContainers: Container[] = [
    ...adapters.initContainers,
  ];
  const weightsGiB = preset?.weightsGiB ?? 0;
  const probes = multiNode && runtime === 'vllm' ? multiNodeProbes(weightsGiB, leaderAddress(context)) : singleNodeProbes(weightsGiB);
  // Kaito v0.12 benchmarks a vLLM preset once it has loaded, unless the workspace turns it off.
  const benchmark = runtime === 'vllm' && workspace.metadata.annotations?.[KaitoAnnotations.disableBenchmark] !== 'true';
  const gpu = inferenceGpuResourceName(workspace);
  const main: Container = {
    name: workspace.metadata.name,
    image: mirrorImage(baseImage(registry, settings.baseImageTag), settings.imageMirror),
    command: shellCommand(runtime === 'vllm' ? vllmCommandLine(context) : transformersCommandLine(context)),
    resources: { requests: { [gpu]: gpusPerNode }, limits: { [gpu]: gpusPerNode } },
    ports: [
      { name: 'http', containerPort: INFERENCE_CONTAINER_PORT, protocol: 'TCP' },
      ...(runtime === 'vllm' ? [{ name: 'kv-events', containerPort: 5557, protocol: 'TCP' as const }] : []),
    ],
    env,
    volumeMounts: mounts,
    ...probes,
    ...(benchmark ? { startupProbe: benchmarkStartupProbe(weightsGiB, multiNode) } : {}),
  };
  const pullSecrets = [
    ...(settings.imagePullSecrets ?? []),
    ...(inference.preset?.presetOptions?.imagePullSecrets ?? []),
    ...adapters.imagePullSecrets,
  ];
  return {
    ...(initContainers.length ? { initContainers } : {}),
    containers: [main],
    volumes,
    tolerations: [...gpuTolerations(context), ...migTolerations(workspace)],
    affinity: workspaceNodeAffinity(context),
    ...(pullSecrets.length ? { imagePullSecrets: [...new Set(pullSecrets)].sort().map(name => ({ name })) } : {}),
  };
}

function templatePodSpec(context: RenderContext): PodSpec {
  const template = context.workspace.inference!.template!;
  const spec = (template.spec ?? { containers: [] }) as PodSpec;
  return {
    ...spec,
    containers: (spec.containers ?? []).map(container => ({
      ...container,
      image: mirrorImage(container.image, context.settings.imageMirror),
    })),
    affinity: workspaceNodeAffinity(context),
    tolerations: [...(spec.tolerations ?? []), ...gpuTolerations(context)],
  };
}
