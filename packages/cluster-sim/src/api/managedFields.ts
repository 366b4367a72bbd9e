import { ApiError } from '../errors';
import { JsonSchema } from '../schema/structuralSchema';
import { KubeObject, ManagedFieldsEntry, deepCopy } from '../types';
import { collectLeaves, describePath, FieldPath, fromFieldsV1, mergeApplied, removePath, toFieldsV1 } from './fieldPaths';

/** Who writes and through which endpoint. @internal */
export interface FieldManagerContext {
  manager: string;
  apiVersion: string;
  /** `status` for writes through /status; undefined for the main resource. */
  subresource?: string;
  /** Whether the resource has a status subresource (then main writes do not own status). */
  statusIsSeparate: boolean;
  schema?: JsonSchema;
  builtin: boolean;
  time: string;
}

const UNTRACKED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

function trackedPart(object: KubeObject, context: FieldManagerContext): Record<string, unknown> {
  if (context.subresource === 'status') return { status: object.status };
  const { apiVersion, kind, metadata, status, ...rest } = object;
  void apiVersion;
  void kind;
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) if (!UNTRACKED_METADATA.has(key)) meta[key] = value;
  const result: Record<string, unknown> = { ...rest };
  if (Object.keys(meta).length) result.metadata = meta;
  if (!context.statusIsSeparate && status !== undefined) result.status = status;
  return result;
}

function leavesOf(object: KubeObject | undefined, context: FieldManagerContext) {
  return object ? collectLeaves(trackedPart(object, context), context.schema, context.builtin) : new Map<FieldPath, string>();
}

function sameScope(entry: ManagedFieldsEntry, context: FieldManagerContext): boolean {
  return (entry.subresource ?? '') === (context.subresource ?? '');
}

function entryFor(paths: Set<FieldPath>, operation: 'Apply' | 'Update', context: FieldManagerContext): ManagedFieldsEntry {
  const entry: ManagedFieldsEntry = {
    manager: context.manager,
    operation,
    apiVersion: context.apiVersion,
    time: context.time,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1([...paths].sort()),
  };
  if (context.subresource) entry.subresource = context.subresource;
  return entry;
}

/**
 * The managedFields after a non-apply write: the writer owns what it changed or added; others lose
 * what changed; removed fields leave every owner.
 * @internal
 */
export function managedFieldsAfterUpdate(
  previous: KubeObject | undefined,
  next: KubeObject,
  context: FieldManagerContext,
): ManagedFieldsEntry[] {
  const before = leavesOf(previous, context);
  const after = leavesOf(next, context);
  const changed = new Set<FieldPath>();
  for (const [path, value] of after) if (before.get(path) !== value) changed.add(path);
  const entries: ManagedFieldsEntry[] = [];
  let own: Set<FieldPath> | undefined;
  for (const entry of previous?.metadata.managedFields ?? []) {
    if (!sameScope(entry, context)) {
      entries.push(entry);
      continue;
    }
    const paths = [...fromFieldsV1(entry.fieldsV1)].filter(p => after.has(p));
    if (entry.manager === context.manager && entry.operation === 'Update') {
      own = new Set(paths);
      continue;
    }
    const kept = new Set(paths.filter(p => !changed.has(p)));
    if (kept.size) entries.push({ ...entry, fieldsV1: toFieldsV1([...kept].sort()) });
  }
  const mine = new Set([...(own ?? []), ...changed]);
  if (mine.size) entries.push(entryFor(mine, 'Update', context));
  return entries;
}

/**
 * Server-side apply: merges the applied configuration into the live object, removes fields this
 * manager applied before and no longer does (unless another manager owns them), and reports
 * conflicts with other managers unless forced.
 * @internal
 */
export function applyConfiguration(
  live: KubeObject | undefined,
  applied: KubeObject,
  context: FieldManagerContext,
  force: boolean,
): KubeObject {
  const appliedLeaves = leavesOf(applied, context);
  const liveLeaves = leavesOf(live, context);
  const entries = live?.metadata.managedFields ?? [];
  const conflicts: Array<{ manager: string; apiVersion: string; path: FieldPath }> = [];
  const others: ManagedFieldsEntry[] = [];
  let previouslyApplied = new Set<FieldPath>();
  for (const entry of entries) {
    if (!sameScope(entry, context)) {
      others.push(entry);
      continue;
    }
    const paths = fromFieldsV1(entry.fieldsV1);
    if (entry.manager === context.manager && entry.operation === 'Apply') {
      previouslyApplied = paths;
      continue;
    }
    const lost = new Set<FieldPath>();
    for (const path of paths) {
      const wanted = appliedLeaves.get(path);
      if (wanted !== undefined && liveLeaves.has(path) && liveLeaves.get(path) !== wanted) {
        conflicts.push({ manager: entry.manager, apiVersion: entry.apiVersion, path });
        lost.add(path);
      }
    }
    const kept = [...paths].filter(p => !lost.has(p));
    if (kept.length) others.push({ ...entry, fieldsV1: toFieldsV1(kept.sort()) });
  }
  if (conflicts.length && !force) {
    const lines = conflicts.map(c => `conflict with "${c.manager}"${c.apiVersion ? ` using ${c.apiVersion}` : ''}: ${describePath(c.path)}`);
    throw new ApiError(
      409,
      'Conflict',
      conflicts.length === 1
        ? `Apply failed with 1 conflict: ${lines[0]}`
        : `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`,
      {
        causes: conflicts.map(c => ({
          reason: 'FieldManagerConflict',
          message: `conflict with "${c.manager}"${c.apiVersion ? ` using ${c.apiVersion}` : ''}`,
          field: describePath(c.path),
        })),
      },
    );
  }
  const ownedByOthers = new Set<FieldPath>();
  for (const entry of others) if (sameScope(entry, context)) fromFieldsV1(entry.fieldsV1).forEach(p => ownedByOthers.add(p));
  const base = deepCopy(live ?? applied);
  for (const path of previouslyApplied) {
    if (!appliedLeaves.has(path) && !ownedByOthers.has(path)) removePath(base, path);
  }
  const merged = mergeApplied(base, trackedPart(applied, context), context.schema, context.builtin) as KubeObject;
  merged.metadata = { ...merged.metadata };
  merged.metadata.managedFields = [...others, entryFor(new Set(appliedLeaves.keys()), 'Apply', context)];
  return merged;
}
