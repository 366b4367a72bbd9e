import { KaitoAnnotations } from '@kaito-backstage/plugin-kaito-common';
import { matches } from './driftPatch';

/*
 * Product decision (issue 12): the inference StatefulSet is updated exactly as Kaito v0.12's
 * controller updates it (pkg/workspace/controllers/workspace_controller.go, applyInference):
 *
 * - On a new revision (the workspace's revision annotation differs from the StatefulSet's, or
 *   the StatefulSet has none) Kaito writes only the main container's (containers[0]) env and
 *   volumeMounts, the pod's initContainers and volumes, and the revision annotation. The image,
 *   command, resources, probes, replicas, labels, tolerations, affinity and every other field
 *   stay as they are "in case the user has customized them".
 * - At the same revision Kaito writes nothing at all, and neither do we: a hand-edited image,
 *   replica count or env stays until the next revision. Reverting the owned fields at the same
 *   revision would loop forever where mutating admission (Kyverno, a service mesh's sidecar
 *   injector) adds env items, volumes or init containers: every resync would see "drift", patch,
 *   and the mutator would add them back.
 * - A template workspace's StatefulSet (inference.template) is never updated (Kaito only
 *   creates it); that rule lives with the caller, which knows the workspace.
 *
 * - A base-image upgrade (the Workspace's kaito.sh/upgrade-to-version label names the base image
 *   tag the controller deploys, and the running image is another) rewrites every mutable field
 *   Kaito rewrites then: the pod template, replicas, ordinals, updateStrategy, minReadySeconds
 *   and the PVC retention policy. The caller then clears the recorded benchmark, as Kaito does,
 *   so it runs again on the new engine.
 */

/** The pod-spec fields Kaito v0.12 rewrites on a new revision, as paths for Events and tests. @internal */
export const KAITO_UPDATED_FIELDS = [
  'spec.template.spec.containers[0].env',
  'spec.template.spec.containers[0].volumeMounts',
  'spec.template.spec.initContainers',
  'spec.template.spec.volumes',
] as const;

/** One of the fields Kaito rewrites. @internal */
export type KaitoUpdatedField = (typeof KAITO_UPDATED_FIELDS)[number];

/** What to write to an existing inference StatefulSet, if anything. @internal */
export interface StatefulSetUpdate {
  /** `upgrade`: a base-image upgrade; `revision`: the workspace moved to a new revision. */
  cause: 'upgrade' | 'revision';
  /** The owned fields that differ from the rendered ones (may be none on a revision change). */
  fields: KaitoUpdatedField[];
  /** A JSON merge patch guarded by the observed resourceVersion. */
  patch: Record<string, any>;
}

type StatefulSetLike = { metadata?: { resourceVersion?: string; annotations?: Record<string, string> }; spec?: any };

/** The owned fields of a StatefulSet, each as a one-key object so lists compare by their merge key. */
function ownedValues(sts: StatefulSetLike): Record<KaitoUpdatedField, Record<string, unknown[]>> {
  const pod = sts.spec?.template?.spec ?? {};
  const main = pod.containers?.[0] ?? {};
  return {
    'spec.template.spec.containers[0].env': { env: main.env ?? [] },
    'spec.template.spec.containers[0].volumeMounts': { volumeMounts: main.volumeMounts ?? [] },
    'spec.template.spec.initContainers': { initContainers: pod.initContainers ?? [] },
    'spec.template.spec.volumes': { volumes: pod.volumes ?? [] },
  };
}

/** The StatefulSet fields a base-image upgrade rewrites (the API server's mutable ones). */
const UPGRADED_SPEC_FIELDS = ['template', 'replicas', 'ordinals', 'updateStrategy', 'minReadySeconds', 'persistentVolumeClaimRetentionPolicy'] as const;

/**
 * The image of the main (first) container, without a digest: a tag pinned to its digest
 * (images.resolveDigests) is still the same image.
 */
function mainImage(sts: StatefulSetLike): string | undefined {
  const image: string | undefined = sts.spec?.template?.spec?.containers?.[0]?.image;
  return image?.replace(/@sha256:[0-9a-f]+$/, '');
}

/**
 * A merge patch that turns `observed` into `desired` whole, as Kaito's copy of the field does:
 * a merge patch merges objects, so every key only `observed` has is set to null.
 */
function replacing(observed: unknown, desired: unknown): unknown {
  if (desired === undefined || desired === null) return null;
  if (!isPlainObject(desired) || !isPlainObject(observed)) return desired;
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(observed)) if (!(key in desired)) patch[key] = null;
  for (const [key, value] of Object.entries(desired)) patch[key] = replacing(observed[key], value);
  return patch;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the workspace asks of its StatefulSet beyond the rendered object. @internal */
export interface StatefulSetUpdateOptions {
  /** The Workspace's kaito.sh/upgrade-to-version label. */
  upgradeToVersion?: string;
  /** The kaito-base tag the controller deploys. */
  baseImageTag?: string;
}

/**
 * Whether Kaito v0.12 would upgrade the base image: the label asks for the tag the controller
 * deploys (a stale label asks for nothing) and the running image is not the rendered one. @internal
 */
export function isBaseImageUpgrade(observed: StatefulSetLike, desired: StatefulSetLike, options: StatefulSetUpdateOptions): boolean {
  return Boolean(options.upgradeToVersion) && options.upgradeToVersion === options.baseImageTag && mainImage(observed) !== mainImage(desired);
}

/** The owned fields in which `observed` differs from `desired` (server defaults do not count). @internal */
export function driftedOwnedFields(observed: StatefulSetLike, desired: StatefulSetLike): KaitoUpdatedField[] {
  const seen = ownedValues(observed);
  const wanted = ownedValues(desired);
  return KAITO_UPDATED_FIELDS.filter(field => !matches(seen[field], wanted[field]));
}

/**
 * The selective update Kaito v0.12 makes to an existing inference StatefulSet, or `undefined`
 * when nothing is to be written. Pure.
 *
 * A merge patch replaces lists whole, so the containers go back as observed with only the main
 * container's env and volumeMounts replaced; the resourceVersion guard makes the write fail
 * rather than overwrite a container edited meanwhile.
 *
 * @internal
 */
export function statefulSetUpdate(
  observed: StatefulSetLike,
  desired: StatefulSetLike,
  options: StatefulSetUpdateOptions = {},
): StatefulSetUpdate | undefined {
  const wantedRevision = desired.metadata?.annotations?.[KaitoAnnotations.revision];
  const seenRevision = observed.metadata?.annotations?.[KaitoAnnotations.revision];
  const newRevision = wantedRevision !== undefined && wantedRevision !== seenRevision;
  if (isBaseImageUpgrade(observed, desired, options)) {
    const spec = Object.fromEntries(UPGRADED_SPEC_FIELDS.map(field => [field, replacing(observed.spec?.[field], desired.spec?.[field])]));
    return {
      cause: 'upgrade',
      fields: driftedOwnedFields(observed, desired),
      patch: {
        metadata: { resourceVersion: observed.metadata?.resourceVersion, ...(wantedRevision ? { annotations: { [KaitoAnnotations.revision]: wantedRevision } } : {}) },
        spec,
      },
    };
  }
  // Same revision: nothing is written, whatever differs (see above).
  if (!newRevision) return undefined;
  const fields = driftedOwnedFields(observed, desired);

  const desiredPod = desired.spec?.template?.spec ?? {};
  const observedPod = observed.spec?.template?.spec ?? {};
  const podPatch: Record<string, unknown> = {};
  if (fields.some(f => f.startsWith('spec.template.spec.containers[0].'))) {
    const desiredMain = desiredPod.containers?.[0] ?? {};
    podPatch.containers = (observedPod.containers ?? []).map((container: Record<string, unknown>, index: number) => {
      if (index !== 0) return container;
      const { env: _env, volumeMounts: _mounts, ...rest } = container;
      return {
        ...rest,
        ...(desiredMain.env?.length ? { env: desiredMain.env } : {}),
        ...(desiredMain.volumeMounts?.length ? { volumeMounts: desiredMain.volumeMounts } : {}),
      };
    });
  }
  // null removes a list the rendered pod does not have.
  if (fields.includes('spec.template.spec.initContainers')) podPatch.initContainers = desiredPod.initContainers ?? null;
  if (fields.includes('spec.template.spec.volumes')) podPatch.volumes = desiredPod.volumes ?? null;

  const patch: Record<string, any> = { metadata: { resourceVersion: observed.metadata?.resourceVersion } };
  patch.metadata.annotations = { [KaitoAnnotations.revision]: wantedRevision };
  if (Object.keys(podPatch).length > 0) patch.spec = { template: { spec: podPatch } };
  return { cause: 'revision', fields, patch };
}
