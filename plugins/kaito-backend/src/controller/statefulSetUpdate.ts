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
 * - One portal extension, not Kaito's: whether the model server trusts the model's own code
 *   (`--trust-remote-code`) for a model that is no catalog preset is an administrator's
 *   decision (the backstage.kaito.sh/trust-remote-code annotation). It is not in the revision
 *   hash, so it counts as a change of its own: when the rendered command turns the flag on or
 *   off and the running one does not, that one flag is added to or removed from the main
 *   container's command and args. Nothing else in the command is touched, so a hand-edited
 *   command keeps its edits, and a hand-added flag the administrator did not allow goes.
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
  /**
   * `upgrade`: a base-image upgrade; `revision`: the workspace moved to a new revision;
   * `trust`: only the administrator's trust-remote-code decision changed.
   */
  cause: 'upgrade' | 'revision' | 'trust';
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
  /**
   * The portal, not Kaito, decides `--trust-remote-code` for this workspace (its model is no
   * catalog preset): the flag follows the rendered command on an existing StatefulSet.
   */
  portalDecidesTrust?: boolean;
}

/** The spellings of the flag: vLLM's and transformers'. */
const TRUST_FLAG = /(^|\s)--trust[-_]remote[-_]code(?=\s|;|$)/g;
/** Where the model server's own flags begin in Kaito's command line. */
const SERVER_SCRIPT = /\/inference_api\.py(?=\s|$)/;

type CommandLists = { command?: string[]; args?: string[] };

function mainContainer(sts: StatefulSetLike): CommandLists & Record<string, unknown> {
  return sts.spec?.template?.spec?.containers?.[0] ?? {};
}

function hasTrustFlag(container: CommandLists): boolean {
  return [...(container.command ?? []), ...(container.args ?? [])].some(part => new RegExp(TRUST_FLAG.source).test(part));
}

/** The flag as the rendered command spells it, e.g. `--trust-remote-code`. */
function trustFlagSpelling(container: CommandLists): string | undefined {
  for (const part of [...(container.command ?? []), ...(container.args ?? [])]) {
    const found = new RegExp(TRUST_FLAG.source).exec(part);
    if (found) return found[0].trim();
  }
  return undefined;
}

const withoutTrustFlag = (parts: string[] | undefined) => parts?.map(part => part.replace(TRUST_FLAG, ''));

/**
 * The main container's command and args with only the trust flag switched to the rendered
 * one, or `undefined` when they agree already or the running command has no model server to
 * add it to. Where nothing but the flag differs the rendered lists are taken as they are.
 */
function trustFlagPatch(observed: CommandLists, desired: CommandLists): CommandLists | undefined {
  const wanted = hasTrustFlag(desired);
  if (wanted === hasTrustFlag(observed)) return undefined;
  const lists = (c: CommandLists) => JSON.stringify([withoutTrustFlag(c.command) ?? [], withoutTrustFlag(c.args) ?? []]);
  if (lists(observed) === lists(desired)) return { command: desired.command, args: desired.args };
  if (!wanted) return { command: withoutTrustFlag(observed.command), args: withoutTrustFlag(observed.args) };
  const flag = trustFlagSpelling(desired)!;
  let added = false;
  const add = (parts: string[] | undefined) =>
    parts?.map(part => {
      if (added || !SERVER_SCRIPT.test(part)) return part;
      added = true;
      return part.replace(SERVER_SCRIPT, match => `${match} ${flag}`);
    });
  const patched = { command: add(observed.command), args: add(observed.args) };
  return added ? patched : undefined;
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
  const trust = options.portalDecidesTrust ? trustFlagPatch(mainContainer(observed), mainContainer(desired)) : undefined;
  // Same revision: nothing is written, whatever differs (see above), but the trust decision.
  if (!newRevision && !trust) return undefined;
  const fields = newRevision ? driftedOwnedFields(observed, desired) : [];

  const desiredPod = desired.spec?.template?.spec ?? {};
  const observedPod = observed.spec?.template?.spec ?? {};
  const podPatch: Record<string, unknown> = {};
  const mainDrifted = fields.some(f => f.startsWith('spec.template.spec.containers[0].'));
  if (mainDrifted || trust) {
    const desiredMain = desiredPod.containers?.[0] ?? {};
    podPatch.containers = (observedPod.containers ?? []).map((container: Record<string, unknown>, index: number) => {
      if (index !== 0) return container;
      const { env, volumeMounts, command, args, ...rest } = container;
      const owned = mainDrifted
        ? {
            ...(desiredMain.env?.length ? { env: desiredMain.env } : {}),
            ...(desiredMain.volumeMounts?.length ? { volumeMounts: desiredMain.volumeMounts } : {}),
          }
        : { ...(env ? { env } : {}), ...(volumeMounts ? { volumeMounts } : {}) };
      const commandLists: CommandLists = trust ?? { command: command as string[] | undefined, args: args as string[] | undefined };
      return {
        ...rest,
        ...owned,
        ...(commandLists.command?.length ? { command: commandLists.command } : {}),
        ...(commandLists.args?.length ? { args: commandLists.args } : {}),
      };
    });
  }
  // null removes a list the rendered pod does not have.
  if (fields.includes('spec.template.spec.initContainers')) podPatch.initContainers = desiredPod.initContainers ?? null;
  if (fields.includes('spec.template.spec.volumes')) podPatch.volumes = desiredPod.volumes ?? null;

  const patch: Record<string, any> = { metadata: { resourceVersion: observed.metadata?.resourceVersion } };
  if (newRevision) patch.metadata.annotations = { [KaitoAnnotations.revision]: wantedRevision };
  if (Object.keys(podPatch).length > 0) patch.spec = { template: { spec: podPatch } };
  return { cause: newRevision ? 'revision' : 'trust', fields, patch };
}
