import { KubernetesObject } from '@kubernetes/client-node';
import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { LRUCache } from 'lru-cache';
import { ResolvedImage } from '../../images/RegistryClient';

/** Annotation on the Workspace: JSON map image → digest of every image pinned or checked. @internal */
export const IMAGES_ANNOTATION = 'backstage.kaito.sh/images';

/** Reason of the condition that names an image that does not exist. @internal */
export const IMAGE_NOT_FOUND_REASON = 'ImageNotFound';

/** What one pass may do with a workspace's images. @internal */
export interface ImageCheckResult {
  /** False while an image is being looked up or does not exist: hold the workload. */
  ready: boolean;
  /** Look again after this long (a lookup is under way). */
  pending?: { retryAfterMs: number };
  /** An image that does not exist, for the status. */
  problem?: { reason: string; message: string };
  /** The workload's children with the serving image pinned to its digest. */
  children: KubernetesObject[];
  /** The value the images annotation must have. */
  annotation?: string;
}

/** Checks and pins a workspace's images. @internal */
export interface ImageCheck {
  check(key: string, workspace: Workspace, children: KubernetesObject[]): ImageCheckResult;
  forget(key: string): void;
}

/** @internal */
export interface WorkspaceImagesOptions {
  resolve: (image: string) => Promise<ResolvedImage>;
  /** How long a lookup may hold a workload before the workspace goes ahead unpinned. @default 3000 */
  timeoutMs?: number;
  /** How soon a workspace waiting for a lookup is looked at again. @default 250 */
  retryAfterMs?: number;
  /** How long a digest is reused for workspaces that have not pinned it yet (the registry client's TTL). @default 300000 */
  resolvedTtlMs?: number;
  /** How long a failed lookup (missing image, unreachable registry) is remembered. @default 30000 */
  failureTtlMs?: number;
  /** Called when a lookup a workspace waits for settles, to requeue it at once. */
  onSettled?: (key: string) => void;
  /** How many images' lookups are remembered; the least recently used go first. @default 1000 */
  maxImages?: number;
  now?: () => number;
}

type Lookup =
  | { state: 'pending'; since: number; waiting: Set<string> }
  | { state: 'resolved'; digest: string; until: number }
  | { state: 'missing' | 'unavailable'; message: string; until: number };

/** The main container of the inference StatefulSet: the preset serving image. */
function servingContainer(children: KubernetesObject[]): { image?: string } | undefined {
  const sts = children.find(c => c.kind === 'StatefulSet') as any;
  return sts?.spec?.template?.spec?.containers?.[0];
}

function readAnnotation(workspace: Workspace): Record<string, string> {
  try {
    const parsed = JSON.parse(workspace.metadata.annotations?.[IMAGES_ANNOTATION] ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * Resolves a workspace's images through the registry without ever making a
 * reconcile wait on it: a lookup runs in the background (one per image, shared
 * by every workspace that needs it) and the workspace is requeued when it
 * settles. Adapter images and tuning input images must exist; the preset
 * serving image is pinned to its digest. Pins are recorded on the Workspace
 * (`backstage.kaito.sh/images`) and reused from there, so a tag that moves
 * later does not roll a running workspace, and steady state asks nothing of
 * the registry. A registry that is slow or down holds a workload for at most
 * `timeoutMs`; then the workspace goes ahead unpinned.
 *
 * @internal
 */
export class WorkspaceImages implements ImageCheck {
  readonly #options: WorkspaceImagesOptions;
  /** Lookups by image; images come from workspaces (users), so the least recently used are dropped past a bound. */
  readonly #lookups: LRUCache<string, Lookup>;
  readonly #now: () => number;

  constructor(options: WorkspaceImagesOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#lookups = new LRUCache({ max: options.maxImages ?? 1000 });
  }

  check(key: string, workspace: Workspace, children: KubernetesObject[]): ImageCheckResult {
    const recorded = readAnnotation(workspace);
    const required = [
      ...(workspace.inference?.adapters ?? []).map(a => a.source?.image),
      workspace.tuning?.input?.image,
    ].filter((image): image is string => Boolean(image));
    const serving = servingContainer(children)?.image;
    const pinnedFrom = serving && !serving.includes('@') ? serving : undefined;
    const digests: Record<string, string> = {};
    let waiting = false;
    let problem: ImageCheckResult['problem'];

    for (const image of [...new Set([...required, ...(pinnedFrom ? [pinnedFrom] : [])])]) {
      if (recorded[image]) {
        digests[image] = recorded[image];
        continue;
      }
      const lookup = this.#lookup(image, key);
      if (lookup.state === 'resolved') digests[image] = lookup.digest;
      else if (lookup.state === 'pending') {
        if (this.#now() - lookup.since < (this.#options.timeoutMs ?? 3000)) waiting = true;
      } else if (lookup.state === 'missing' && required.includes(image)) {
        problem ??= { reason: IMAGE_NOT_FOUND_REASON, message: lookup.message };
      }
    }

    const annotation = Object.keys(digests).length
      ? JSON.stringify(Object.fromEntries(Object.entries(digests).sort(([a], [b]) => a.localeCompare(b))))
      : undefined;
    const pinned = pinnedFrom && digests[pinnedFrom] ? `${pinnedFrom}@${digests[pinnedFrom]}` : undefined;
    return {
      ready: !waiting && !problem,
      pending: waiting ? { retryAfterMs: this.#options.retryAfterMs ?? 250 } : undefined,
      problem,
      children: pinned ? children.map(child => withServingImage(child, pinned)) : children,
      annotation,
    };
  }

  forget(key: string): void {
    for (const lookup of this.#lookups.values()) {
      if (lookup.state === 'pending') lookup.waiting.delete(key);
    }
  }

  #lookup(image: string, key: string): Lookup {
    const known = this.#lookups.get(image);
    if (known?.state === 'pending') {
      known.waiting.add(key);
      return known;
    }
    if (known && known.until > this.#now()) return known;
    const lookup: Lookup = { state: 'pending', since: this.#now(), waiting: new Set([key]) };
    this.#lookups.set(image, lookup);
    this.#options.resolve(image).then(
      resolved =>
        this.#settle(image, lookup, {
          state: 'resolved',
          digest: resolved.digest,
          until: this.#now() + (this.#options.resolvedTtlMs ?? 300_000),
        }),
      error => {
        const failureTtl = this.#options.failureTtlMs ?? 30_000;
        const missing = (error as Error)?.name === 'NotFoundError';
        this.#settle(image, lookup, {
          state: missing ? 'missing' : 'unavailable',
          message: (error as Error)?.message ?? String(error),
          until: this.#now() + failureTtl,
        });
      },
    );
    return lookup;
  }

  #settle(image: string, lookup: Extract<Lookup, { state: 'pending' }>, result: Lookup): void {
    this.#lookups.set(image, result);
    for (const key of lookup.waiting) this.#options.onSettled?.(key);
  }
}

function withServingImage(child: KubernetesObject, image: string): KubernetesObject {
  if (child.kind !== 'StatefulSet') return child;
  const sts = child as any;
  const [main, ...rest] = sts.spec.template.spec.containers;
  return {
    ...sts,
    spec: {
      ...sts.spec,
      template: { ...sts.spec.template, spec: { ...sts.spec.template.spec, containers: [{ ...main, image }, ...rest] } },
    },
  } as KubernetesObject;
}
