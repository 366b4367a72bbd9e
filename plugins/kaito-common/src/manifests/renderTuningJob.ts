import { Container, Job, Volume, VolumeMount } from '../api/kubernetes';
import { KaitoLabels } from '../labels';
import { baseImage, DEFAULT_PRESET_REGISTRY } from '../presets/findPreset';
import { TUNING_SUPPORT } from '../presets/transformersRuntime';
import { imagePuller, pullSecretVolumes } from './adapters';
import { shellCommand } from './commandLine';
import { CONFIG_DIR, WEIGHTS_DIR } from './inferenceCommand';
import { childMetadata, mirrorImage } from './metadata';
import { TUNING_OUTPUT_DIR, tuningConfigMapName } from './paramsTemplates';
import { gpuTolerations, workspaceNodeAffinity } from './podScheduling';
import { RenderContext } from './renderContext';
import { INFERENCE_CONTAINER_PORT } from './renderServices';
import { KAITO_HELPER_IMAGES } from './renderSettings';

const DATA_DIR = '/mnt/data';
const DATA_VOLUME = 'data-volume';
const RESULTS_VOLUME = 'results-volume';
const PUSH_SECRET_VOLUME = 'push-secret';

/** The LoRA target modules Kaito sets for phi-3 tuning (`DEFAULT_TARGET_MODULES`). */
const PHI_3_TARGET_MODULES = 'k_proj,q_proj,v_proj,o_proj,gate_proj,down_proj,up_proj';

/**
 * The tuning Job (kaito.md §2.10): data init container (curl downloader, skopeo puller or
 * a volume), the fine-tuning container, and for an output image the oras `pusher` sidecar
 * plus a `pause` container sharing the process namespace.
 *
 * @public
 */
export function renderTuningJob(context: RenderContext): Job | undefined {
  const { workspace, settings, gpusPerNode } = context;
  const tuning = workspace.tuning;
  if (!tuning) {
    return undefined;
  }
  const mirrors = settings.imageMirror;
  const outputDir = TUNING_OUTPUT_DIR;
  const { input, output } = tuning;

  const volumes: Volume[] = [
    { name: 'dshm', emptyDir: { medium: 'Memory' } },
    { name: 'model-weights-volume', emptyDir: {} },
    { name: 'config-volume', configMap: { name: tuningConfigMapName(workspace)! } },
    input.volumeSource ? { ...input.volumeSource, name: DATA_VOLUME } : { name: DATA_VOLUME, emptyDir: {} },
    output.volumeSource ? { ...output.volumeSource, name: RESULTS_VOLUME } : { name: RESULTS_VOLUME, emptyDir: {} },
    ...pullSecretVolumes('input', input.imagePullSecrets ?? []),
    ...(output.image && output.imagePushSecret
      ? [{ name: PUSH_SECRET_VOLUME, secret: { secretName: output.imagePushSecret, items: [{ key: '.dockerconfigjson', path: 'config.json' }] } }]
      : []),
  ];
  const resultsMount: VolumeMount = { name: RESULTS_VOLUME, mountPath: outputDir };
  const initContainers: Container[] = [];
  const weights = context.preset ? TUNING_SUPPORT[context.preset.servedModelName] : undefined;
  if (weights) {
    const registry = (settings.presetRegistry ?? DEFAULT_PRESET_REGISTRY).replace(/\/+$/, '');
    initContainers.push({
      name: 'model-weights-downloader',
      image: mirrorImage(KAITO_HELPER_IMAGES.orasPull, mirrors),
      command: ['oras', 'pull', mirrorImage(`${registry}/${weights.weightsImageName}:${weights.weightsImageTag}`, mirrors), '-o', WEIGHTS_DIR],
      volumeMounts: [{ name: 'model-weights-volume', mountPath: WEIGHTS_DIR }],
    });
  }
  if (input.urls?.length) {
    initContainers.push({
      name: 'data-downloader',
      image: mirrorImage(KAITO_HELPER_IMAGES.curl, mirrors),
      command: shellCommand(
        // No redirects (--max-redirs 0 makes a 3xx fail) and only http(s): the portal checked these URLs'
        // hosts, and a redirect would take the download somewhere it did not check.
        'set -e; for url in $DATA_URLS; do file=$(basename "${url%%\\?*}"); ' +
          'curl -sSL --max-redirs 0 --proto =http,https --fail --retry 3 -o "$DATA_VOLUME_PATH/$file" "$url"; done',
      ),
      env: [
        { name: 'DATA_URLS', value: input.urls.join(' ') },
        { name: 'DATA_VOLUME_PATH', value: DATA_DIR },
      ],
      volumeMounts: [{ name: DATA_VOLUME, mountPath: DATA_DIR }],
    });
  } else if (input.image) {
    initContainers.push(
      imagePuller('input', input.image, input.imagePullSecrets ?? [], settings, {
        containerName: 'puller',
        volume: DATA_VOLUME,
        targetDir: DATA_DIR,
      }),
    );
  }

  const main: Container = {
    name: workspace.metadata.name,
    image: mirrorImage(baseImage(settings.presetRegistry, settings.baseImageTag), mirrors),
    command: shellCommand(
      `cd /workspace/tfs/ && python3 metrics_server.py & accelerate launch --num_processes=${gpusPerNode} /workspace/tfs/fine_tuning.py`,
    ),
    resources: { requests: { 'nvidia.com/gpu': gpusPerNode }, limits: { 'nvidia.com/gpu': gpusPerNode } },
    ports: [{ name: 'http', containerPort: INFERENCE_CONTAINER_PORT, protocol: 'TCP' }],
    env: [
      // Kaito matches the preset name as written: `phi-3…` gets phi-3's LoRA target modules.
      ...(tuning.preset.name.toLowerCase().startsWith('phi-3') ? [{ name: 'DEFAULT_TARGET_MODULES', value: PHI_3_TARGET_MODULES }] : []),
      { name: 'PYTORCH_CUDA_ALLOC_CONF', value: 'expandable_segments:True' },
    ],
    volumeMounts: [
      { name: 'dshm', mountPath: '/dev/shm' },
      { name: 'model-weights-volume', mountPath: WEIGHTS_DIR },
      { name: 'config-volume', mountPath: CONFIG_DIR },
      { name: DATA_VOLUME, mountPath: DATA_DIR },
      resultsMount,
    ],
  };
  const containers: Container[] = [main];
  if (output.image) {
    containers.push(pusher(output.image, outputDir, context), {
      name: 'pause',
      image: mirrorImage(KAITO_HELPER_IMAGES.pause, mirrors),
    });
  }
  const pullSecrets = [...(settings.imagePullSecrets ?? []), ...(input.imagePullSecrets ?? [])];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: childMetadata(workspace, workspace.metadata.name, context.revision),
    spec: {
      template: {
        metadata: { labels: { [KaitoLabels.workspace]: workspace.metadata.name } },
        spec: {
          restartPolicy: 'Never',
          ...(output.image ? { shareProcessNamespace: true } : {}),
          ...(initContainers.length ? { initContainers } : {}),
          containers,
          volumes,
          tolerations: gpuTolerations(context),
          affinity: workspaceNodeAffinity(context),
          ...(pullSecrets.length ? { imagePullSecrets: [...new Set(pullSecrets)].sort().map(name => ({ name })) } : {}),
        },
      },
    },
  };
}

function pusher(image: string, outputDir: string, context: RenderContext): Container {
  const target = mirrorImage(image, context.settings.imageMirror);
  const modelName = context.preset?.name ?? context.workspace.tuning!.preset.name;
  const script = [
    `while [ ! -f ${outputDir}/fine_tuning_completed.txt ]; do sleep 10; done`,
    'mkdir -p /tmp/adapter/data',
    `cp ${outputDir}/adapter_config.json ${outputDir}/adapter_model.safetensors /tmp/adapter/data/`,
    'cd /tmp/adapter',
    `oras push --oci-layout /tmp/layout:latest --annotation sh.kaito.model.name=${modelName} data/`,
    `oras cp --from-oci-layout /tmp/layout:latest ${target}`,
  ].join(' && ');
  return {
    name: 'pusher',
    image: mirrorImage(KAITO_HELPER_IMAGES.orasPush, context.settings.imageMirror),
    command: shellCommand(script),
    volumeMounts: [
      { name: RESULTS_VOLUME, mountPath: outputDir },
      ...(context.workspace.tuning!.output.imagePushSecret
        ? [{ name: PUSH_SECRET_VOLUME, mountPath: '/root/.docker', readOnly: true }]
        : []),
    ],
  };
}
