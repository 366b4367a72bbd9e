import { Container, EnvVar, Volume, VolumeMount } from '../api/kubernetes';
import { AdapterSpec } from '../api/workspace';
import { ADAPTERS_DIR } from './inferenceCommand';
import { mirrorImage } from './metadata';
import { KAITO_HELPER_IMAGES, RenderSettings } from './renderSettings';

/** Volume holding image adapters. @internal */
export const ADAPTER_VOLUME = 'adapter-volume';

/**
 * Pods parts for adapters (kaito.md §2.9): one skopeo `puller-<name>` init container per
 * image adapter writing into `adapter-volume`, a direct mount per volume adapter, one env
 * var per adapter carrying its strength, and the adapters' pull secrets.
 *
 * @internal
 */
export interface AdapterParts {
  initContainers: Container[];
  volumes: Volume[];
  mainMounts: VolumeMount[];
  env: EnvVar[];
  imagePullSecrets: string[];
}

/** @internal */
export function renderAdapterParts(adapters: AdapterSpec[] | undefined, settings: RenderSettings): AdapterParts {
  const parts: AdapterParts = { initContainers: [], volumes: [], mainMounts: [], env: [], imagePullSecrets: [] };
  const list = adapters ?? [];
  if (list.some(adapter => adapter.source.image)) {
    parts.volumes.push({ name: ADAPTER_VOLUME, emptyDir: {} });
    parts.mainMounts.push({ name: ADAPTER_VOLUME, mountPath: ADAPTERS_DIR });
  }
  for (const adapter of list) {
    const name = adapter.source.name ?? '';
    parts.env.push({ name, value: adapter.strength ?? '1.0' });
    if (adapter.source.image) {
      parts.initContainers.push(imagePuller(name, adapter.source.image, adapter.source.imagePullSecrets ?? [], settings));
      parts.imagePullSecrets.push(...(adapter.source.imagePullSecrets ?? []));
      parts.volumes.push(...pullSecretVolumes(name, adapter.source.imagePullSecrets ?? []));
    } else if (adapter.source.volumeSource) {
      const volumeName = `adapter-${name}`;
      parts.volumes.push({ ...adapter.source.volumeSource, name: volumeName });
      parts.mainMounts.push({ name: volumeName, mountPath: `${ADAPTERS_DIR}/${name}` });
    }
  }
  return parts;
}

/**
 * A skopeo init container that copies an OCI image's `/data` into `<targetDir>/<name>`.
 * Shared by adapters and the tuning input image.
 *
 * @internal
 */
export function imagePuller(
  name: string,
  image: string,
  pullSecrets: string[],
  settings: RenderSettings,
  options: { containerName?: string; volume?: string; targetDir?: string } = {},
): Container {
  const volume = options.volume ?? ADAPTER_VOLUME;
  const targetDir = options.targetDir ?? `${ADAPTERS_DIR}/${name}`;
  const mountPath = options.targetDir ? options.targetDir : ADAPTERS_DIR;
  const source = mirrorImage(image, settings.imageMirror);
  const script = [
    'set -e',
    `mkdir -p /tmp/image ${targetDir}`,
    'AUTH=""; for f in /root/.docker/config.d/*/config.json; do [ -f "$f" ] && AUTH="--authfile $f"; done',
    `skopeo copy $AUTH docker://${source} dir:/tmp/image`,
    'mkdir -p /tmp/layers && for layer in $(ls /tmp/image | grep -v -e manifest.json -e version); do tar -xf /tmp/image/$layer -C /tmp/layers 2>/dev/null || true; done',
    `cp -r /tmp/layers/data/. ${targetDir}/`,
  ].join('\n');
  return {
    name: options.containerName ?? `puller-${name}`,
    image: mirrorImage(KAITO_HELPER_IMAGES.skopeo, settings.imageMirror),
    command: ['/bin/sh', '-c', script],
    volumeMounts: [
      { name: volume, mountPath },
      ...pullSecrets.map(secret => ({
        name: pullSecretVolumeName(name, secret),
        mountPath: `/root/.docker/config.d/${name}-${secret}`,
        readOnly: true,
      })),
    ],
  };
}

/** Projected volumes exposing each pull secret's `.dockerconfigjson` as `config.json`. @internal */
export function pullSecretVolumes(owner: string, secrets: string[]): Volume[] {
  return secrets.map(secret => ({
    name: pullSecretVolumeName(owner, secret),
    projected: { sources: [{ secret: { name: secret, items: [{ key: '.dockerconfigjson', path: 'config.json' }] } }] },
  }));
}

function pullSecretVolumeName(owner: string, secret: string): string {
  return `${owner}-${secret}`.slice(0, 63).replace(/-+$/, '');
}
