import { Workspace } from '../api/workspace';
import { canonicalJson } from '../util/canonicalJson';
import { UpdateWorkspaceRequest } from './types';

/** Metadata the portal keeps when it replaces a workspace: who owns it, who asked, what it serves. */
const KEPT_METADATA = ['name', 'namespace', 'labels', 'annotations'] as const;

/** Annotations Kaito or the controller write; a replacement starts without them. */
const CONTROLLER_ANNOTATION = /^(workspace\.kaito\.io\/|kaito\.sh\/revision|backstage\.kaito\.sh\/images)/;

/**
 * The workspace an update asks for, what changed, and whether Kaito allows
 * the change in place: its instance type and node count are immutable, so
 * changing them replaces the workspace (its metadata kept, the status and
 * controller bookkeeping dropped). Pure.
 *
 * @public
 */
export function applyWorkspaceUpdate(
  current: Workspace,
  request: UpdateWorkspaceRequest,
): { next: Workspace; mode: 'in-place' | 'replace'; changes: string[]; errors: string[] } {
  const next: Workspace = JSON.parse(JSON.stringify(current));
  const changes: string[] = [];
  const errors: string[] = [];
  const note = (path: string, before: unknown, after: unknown) => {
    if (canonicalJson(before ?? null) !== canonicalJson(after ?? null)) {
      changes.push(`${path}: ${describe(before)} → ${describe(after)}`);
    }
  };

  if (request.instanceType !== undefined) {
    if (!current.resource.instanceType) errors.push('resource.instanceType: this workspace runs on bring-your-own nodes; it has no instance type to change');
    else {
      note('resource.instanceType', current.resource.instanceType, request.instanceType);
      next.resource.instanceType = request.instanceType;
    }
  }
  if (request.count !== undefined) {
    const count = request.count > 1 ? request.count : undefined;
    note('resource.count', current.resource.count ?? 1, request.count);
    if (count) next.resource.count = count;
    else delete next.resource.count;
  }
  if (request.adapters !== undefined || request.inferenceConfig !== undefined) {
    if (!next.inference) errors.push('inference: adapters and the inference config belong to inference workspaces; this one tunes');
  }
  if (next.inference && request.adapters !== undefined) {
    const adapters = request.adapters.map(a => ({
      source: {
        name: a.name,
        image: a.image,
        ...(a.imagePullSecrets?.length ? { imagePullSecrets: a.imagePullSecrets } : {}),
      },
      ...(a.strength ? { strength: a.strength } : {}),
    }));
    note('inference.adapters', (current.inference?.adapters ?? []).map(a => a.source?.name), adapters.map(a => a.source.name));
    if (canonicalJson(current.inference?.adapters ?? []) !== canonicalJson(adapters) && !changes.some(c => c.startsWith('inference.adapters'))) {
      changes.push('inference.adapters: images or strengths changed');
    }
    if (adapters.length > 0) next.inference.adapters = adapters;
    else delete next.inference.adapters;
  }
  if (next.inference && request.inferenceConfig !== undefined) {
    note('inference.config', current.inference?.config, request.inferenceConfig ?? undefined);
    if (request.inferenceConfig) next.inference.config = request.inferenceConfig;
    else delete next.inference.config;
  }

  const replaces = changes.some(c => c.startsWith('resource.'));
  if (replaces) {
    const metadata: Workspace['metadata'] = {} as Workspace['metadata'];
    for (const key of KEPT_METADATA) if (current.metadata[key] !== undefined) (metadata as any)[key] = current.metadata[key];
    metadata.annotations = Object.fromEntries(
      Object.entries(metadata.annotations ?? {}).filter(([key]) => !CONTROLLER_ANNOTATION.test(key)),
    );
    next.metadata = JSON.parse(JSON.stringify(metadata));
    delete next.status;
  }
  return { next, mode: replaces ? 'replace' : 'in-place', changes, errors };
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  return String(value);
}
