import { randomUUID } from 'node:crypto';
import { applyPatch as applyJsonPatch } from 'fast-json-patch';
import {
  alreadyExists,
  ApiError,
  badRequest,
  conflict,
  ErrorTarget,
  forbidden,
  gone,
  internalError,
  invalid,
  methodNotAllowed,
  notFound,
  staleResourceVersion,
  StatusCause,
  unsupportedMediaType,
} from '../errors';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { apiVersionOf, hasStatus, ResourceType, storageKeyOf } from '../registry/ResourceType';
import { admitCustomResource } from '../schema/customResourceSchema';
import { JsonSchema } from '../schema/structuralSchema';
import { compileFieldSelector } from '../store/fieldSelector';
import { compileLabelSelector } from '../store/labelSelector';
import { ObjectStore } from '../store/ObjectStore';
import { canonicalJson, Clock, deepCopy, formatTimestamp, KubeObject, systemClock } from '../types';
import { applyBuiltinDefaults, keepServerAllocatedValues, validateBuiltin } from './builtinDefaults';
import { applyConfiguration, FieldManagerContext, managedFieldsAfterUpdate } from './managedFields';
import { jsonPatchOperations } from './jsonPatchOperations';
import { applyMergePatch } from './mergePatch';
import { generateNameFrom, validateObjectMeta } from './objectNames';
import { decodeFormats } from './validation/decodeFormats';
import { validateImmutableFields } from './validation/immutableFields';
import { requireResourceVersionForUpdate, validatePatchOptions } from './validation/writeRules';
import { applyStrategicMergePatch } from './strategicMergePatch';

/** Which resource, version, namespace and subresource a request addresses. @public */
export interface RequestScope {
  type: ResourceType;
  version: string;
  namespace?: string;
  subresource?: string;
}

/** Options of writes. @public */
export interface WriteOptions {
  fieldManager?: string;
  dryRun?: boolean;
}

/** Options of list. @public */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

/** Options of delete. @public */
export interface DeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** The patch formats the API accepts. @public */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

/**
 * Looks at the result of a JSON, merge or strategic-merge patch as the server decodes it
 * (field validation): throws to refuse it, or drops fields from it. @public
 */
export type PatchedObjectCheck = (patched: KubeObject) => void;

/** A list answer. @public */
export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Hooks the cluster behaviour gives the API. @public */
export interface ResourceApiHooks {
  /** Whether a pod delete should only mark the pod terminating (a kubelet will finish it). */
  deletePodGracefully?(pod: KubeObject): boolean;
  /** Admission after validation, before a create, update or patch is stored (throws to refuse). */
  validateWrite?(scope: RequestScope, next: KubeObject, previous: KubeObject | undefined): void;
}

const DEFAULT_FIELD_MANAGER = 'unknown';

function scopeTarget(scope: RequestScope, name?: string): ErrorTarget {
  return { group: scope.type.group, resource: scope.type.plural, name };
}

function withoutVolatileMeta(object: KubeObject): string {
  const { resourceVersion, managedFields, ...meta } = object.metadata;
  void resourceVersion;
  void managedFields;
  return canonicalJson({ ...object, metadata: meta });
}

function bodyWithoutMetaAndStatus(object: KubeObject | undefined): string {
  if (!object) return '';
  const { metadata, status, apiVersion, kind, ...rest } = object;
  void metadata;
  void status;
  void apiVersion;
  void kind;
  return canonicalJson(rest);
}

/**
 * The API semantics over the object store: names, uids, timestamps, validation and defaults,
 * optimistic concurrency, status subresource rules, generation, patches, server-side apply,
 * finalizers and deletion. The HTTP handlers and the simulated controllers both write through it.
 * @public
 */
export class ResourceApi {
  readonly store: ObjectStore;
  readonly registry: ResourceRegistry;
  private readonly clock: Clock;
  private readonly hooks: ResourceApiHooks;

  constructor(options: { store: ObjectStore; registry: ResourceRegistry; clock?: Clock; hooks?: ResourceApiHooks }) {
    this.store = options.store;
    this.registry = options.registry;
    this.clock = options.clock ?? systemClock;
    this.hooks = options.hooks ?? {};
  }

  /** A scope for a resource by group, version and plural; throws 404 if it is not served. */
  scope(group: string, version: string, plural: string, namespace?: string, subresource?: string): RequestScope {
    const type = this.registry.find(group, version, plural);
    if (!type) throw new ApiError(404, 'NotFound', `the server could not find the requested resource`, { group, kind: plural });
    return { type, version, namespace, subresource };
  }

  /** The object as served at the scope's version. */
  present(scope: RequestScope, object: KubeObject): KubeObject {
    const result = object;
    result.apiVersion = apiVersionOf(scope.type.group, scope.version);
    result.kind = scope.type.kind;
    return result;
  }

  get(scope: RequestScope, name: string): KubeObject {
    const object = this.store.get(storageKeyOf(scope.type), scope.namespace, name);
    if (!object) throw notFound(scopeTarget(scope, name));
    return this.present(scope, object);
  }

  list(scope: RequestScope, options: ListOptions = {}): ListResult {
    const labels = compileLabelSelector(options.labelSelector);
    const fields = compileFieldSelector(
      options.fieldSelector,
      ['metadata.name', 'metadata.namespace', ...scope.type.selectableFields],
      `"${scope.type.kind}"`,
    );
    let start = '';
    let resourceVersion = String(this.store.resourceVersion);
    if (options.continue) {
      try {
        const token = JSON.parse(Buffer.from(options.continue, 'base64').toString('utf8'));
        start = String(token.start);
        resourceVersion = String(token.rv);
      } catch {
        throw badRequest('continue key is not valid: illegal base64 data');
      }
    }
    const all = this.store.peekAll(storageKeyOf(scope.type), scope.namespace);
    const keyOf = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!);
    const matching: KubeObject[] = [];
    let remaining = 0;
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    let lastKey = '';
    for (const object of all) {
      if (start && keyOf(object) <= start) continue;
      if (!labels(object.metadata.labels) || !fields(object)) continue;
      if (matching.length < limit) {
        matching.push(object);
        lastKey = keyOf(object);
      } else {
        remaining++;
      }
    }
    const result: ListResult = {
      items: matching.map(o => this.present(scope, deepCopy(o))),
      resourceVersion,
    };
    if (remaining > 0) {
      result.continue = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(resourceVersion), start: lastKey })).toString('base64');
      result.remainingItemCount = remaining;
    }
    return result;
  }

  create(scope: RequestScope, body: KubeObject, options: WriteOptions = {}): KubeObject {
    if (scope.subresource) throw methodNotAllowed();
    const object = this.checkBody(scope, body);
    decodeFormats(scope, object, 'body');
    const meta = object.metadata;
    if (meta.resourceVersion) throw internalError('resourceVersion should not be set on objects to be created');
    if (!meta.name && meta.generateName) meta.name = generateNameFrom(meta.generateName);
    if (scope.type.namespaced) this.checkNamespaceAcceptsCreates(scope.namespace!, meta.name);
    const key = storageKeyOf(scope.type);
    if (meta.name && this.store.peek(key, scope.namespace, meta.name)) throw alreadyExists(scopeTarget(scope, meta.name));
    const now = this.clock.now();
    meta.uid = randomUUID();
    meta.creationTimestamp = formatTimestamp(now);
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (scope.type.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
    if (hasStatus(scope.type) && scope.type.crd) delete object.status;
    this.admit(scope, object, true);
    this.hooks.validateWrite?.(scope, object, undefined);
    object.metadata.managedFields = managedFieldsAfterUpdate(undefined, object, this.fieldContext(scope, options, now));
    if (!object.metadata.managedFields.length) delete object.metadata.managedFields;
    if (key === 'customresourcedefinitions.apiextensions.k8s.io') this.establishCrd(object);
    if (options.dryRun) return this.present(scope, object);
    return this.present(scope, this.store.put(key, object));
  }

  update(scope: RequestScope, name: string, body: KubeObject, options: WriteOptions = {}): KubeObject {
    const object = this.checkBody(scope, body);
    if (object.metadata.name !== name) {
      throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`);
    }
    decodeFormats(scope, object, 'body');
    const previous = this.store.peek(storageKeyOf(scope.type), scope.namespace, name);
    if (!previous) throw notFound(scopeTarget(scope, name));
    requireResourceVersionForUpdate(scope, object);
    if (object.metadata.resourceVersion && object.metadata.resourceVersion !== previous.metadata.resourceVersion) {
      throw staleResourceVersion(scopeTarget(scope, name));
    }
    const now = this.clock.now();
    const next = this.mergeSubresource(scope, previous, object);
    next.metadata.managedFields = managedFieldsAfterUpdate(previous, next, this.fieldContext(scope, options, now));
    return this.commit(scope, previous, next, options);
  }

  patch(
    scope: RequestScope,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: WriteOptions & { force?: boolean; decodePatched?: PatchedObjectCheck } = {},
  ): KubeObject {
    const key = storageKeyOf(scope.type);
    const previous = this.store.peek(key, scope.namespace, name);
    const now = this.clock.now();
    if (patchType === 'apply') return this.apply(scope, name, previous, patch, options, now);
    if (!previous) throw notFound(scopeTarget(scope, name));
    const current = this.present(scope, deepCopy(previous));
    let patched: KubeObject;
    switch (patchType) {
      case 'merge':
        patched = applyMergePatch(current, patch) as KubeObject;
        break;
      case 'strategic':
        if (!scope.type.strategicMerge) throw unsupportedMediaType('application/strategic-merge-patch+json');
        patched = applyStrategicMergePatch(current, patch) as KubeObject;
        break;
      case 'json':
        patched = this.applyJsonPatch(scope, name, current, patch);
        break;
      default:
        throw unsupportedMediaType(String(patchType));
    }
    // The server decodes the patched object into its kind before anything else looks at it.
    options.decodePatched?.(patched);
    if (!patched || typeof patched !== 'object' || !patched.metadata) throw badRequest('patch produced an object without metadata');
    const preconditionRv = (patch as any)?.metadata?.resourceVersion;
    if (preconditionRv && preconditionRv !== previous.metadata.resourceVersion) {
      throw staleResourceVersion(scopeTarget(scope, name));
    }
    if (patched.metadata.name !== name) {
      throw badRequest(`the name of the object (${patched.metadata.name}) does not match the name on the URL (${name})`);
    }
    const checked = this.checkBody(scope, patched);
    decodeFormats(scope, checked, 'patch');
    const next = this.mergeSubresource(scope, previous, checked);
    next.metadata.managedFields = managedFieldsAfterUpdate(previous, next, this.fieldContext(scope, options, now));
    return this.commit(scope, previous, next, options);
  }

  delete(scope: RequestScope, name: string, options: DeleteOptions = {}): { object: KubeObject; removed: boolean } {
    const key = storageKeyOf(scope.type);
    const previous = this.store.peek(key, scope.namespace, name);
    if (!previous) throw notFound(scopeTarget(scope, name));
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== previous.metadata.uid) {
      throw conflict(scopeTarget(scope, name), `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${previous.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== previous.metadata.resourceVersion) {
      throw conflict(
        scopeTarget(scope, name),
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${previous.metadata.resourceVersion}`,
      );
    }
    const next = deepCopy(previous);
    const finalizers = new Set(next.metadata.finalizers ?? []);
    // Jobs default to orphaning their pods when deleted through the API, for compatibility.
    const policy = options.propagationPolicy ?? (key === 'jobs.batch' ? 'Orphan' : 'Background');
    if (policy === 'Foreground') finalizers.add('foregroundDeletion');
    if (policy === 'Orphan') finalizers.add('orphan');
    const graceful = key === 'pods' && options.gracePeriodSeconds !== 0 && (this.hooks.deletePodGracefully?.(previous) ?? false);
    const namespaceFinalizers = key === 'namespaces' ? (next.spec?.finalizers ?? []) : [];
    const mustWait =
      graceful ||
      namespaceFinalizers.length > 0 ||
      [...finalizers].some(f => f !== 'foregroundDeletion' && f !== 'orphan') ||
      (policy === 'Foreground' && this.hasDependents(previous)) ||
      (policy === 'Orphan' && this.hasDependents(previous));
    if (!mustWait) {
      if (options.dryRun) return { object: this.present(scope, next), removed: true };
      if (key === 'customresourcedefinitions.apiextensions.k8s.io') this.removeCrdContents(previous);
      const removed = this.store.remove(key, scope.namespace, name)!;
      return { object: this.present(scope, removed), removed: true };
    }
    if (!next.metadata.deletionTimestamp) {
      next.metadata.deletionTimestamp = formatTimestamp(this.clock.now());
      next.metadata.deletionGracePeriodSeconds = graceful ? (options.gracePeriodSeconds ?? next.spec?.terminationGracePeriodSeconds ?? 30) : 0;
    }
    if (finalizers.size) next.metadata.finalizers = [...finalizers];
    if (key === 'namespaces') next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    if (options.dryRun || withoutVolatileMeta(next) === withoutVolatileMeta(previous)) {
      return { object: this.present(scope, next), removed: false };
    }
    return { object: this.present(scope, this.store.put(key, next)), removed: false };
  }

  deleteCollection(scope: RequestScope, listOptions: ListOptions, deleteOptions: DeleteOptions = {}): KubeObject[] {
    const { items } = this.list(scope, { labelSelector: listOptions.labelSelector, fieldSelector: listOptions.fieldSelector });
    const deleted: KubeObject[] = [];
    for (const item of items) {
      const itemScope = { ...scope, namespace: item.metadata.namespace };
      try {
        deleted.push(this.delete(itemScope, item.metadata.name!, deleteOptions).object);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 404)) throw error;
      }
    }
    return deleted;
  }

  /** Removes an object regardless of finalizers, as controllers finishing a deletion do. @internal */
  removeNow(resourceKey: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const object = this.store.peek(resourceKey, namespace, name);
    if (object && resourceKey === 'customresourcedefinitions.apiextensions.k8s.io') this.removeCrdContents(object);
    return this.store.remove(resourceKey, namespace, name);
  }

  private apply(
    scope: RequestScope,
    name: string,
    previous: KubeObject | undefined,
    patch: unknown,
    options: WriteOptions & { force?: boolean },
    now: number,
  ): KubeObject {
    validatePatchOptions('apply', options);
    const applied = this.checkBody(scope, patch as KubeObject);
    if (!applied.apiVersion || !applied.kind) {
      throw badRequest('invalid object type: apiVersion and kind are required for apply');
    }
    if (applied.metadata.name && applied.metadata.name !== name) {
      throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
    }
    applied.metadata.name = name;
    const context = this.fieldContext(scope, options, now);
    if (!previous) {
      if (scope.subresource) throw notFound(scopeTarget(scope, name));
      const created = applyConfiguration(undefined, applied, context, true);
      const managed = created.metadata.managedFields;
      delete created.metadata.managedFields;
      const result = this.create(scope, created, { ...options, fieldManager: options.fieldManager });
      // The creating apply owns what it applied.
      const stored = this.store.peek(storageKeyOf(scope.type), scope.namespace, name)!;
      if (options.dryRun) return result;
      const withOwnership = deepCopy(stored);
      withOwnership.metadata.managedFields = managed;
      return this.present(scope, this.store.put(storageKeyOf(scope.type), withOwnership));
    }
    if (applied.metadata.resourceVersion && applied.metadata.resourceVersion !== previous.metadata.resourceVersion) {
      throw staleResourceVersion(scopeTarget(scope, name));
    }
    const current = this.present(scope, deepCopy(previous));
    const merged = applyConfiguration(current, applied, context, options.force === true);
    decodeFormats(scope, merged, 'patch');
    const managed = merged.metadata.managedFields;
    const next = this.mergeSubresource(scope, previous, merged);
    next.metadata.managedFields = managed;
    return this.commit(scope, previous, next, options);
  }

  private applyJsonPatch(scope: RequestScope, name: string, current: KubeObject, patch: unknown): KubeObject {
    const operations = jsonPatchOperations(patch);
    try {
      return applyJsonPatch(current, operations, true, true).newDocument as KubeObject;
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      if ((error as any)?.name === 'TEST_OPERATION_FAILED' || /test/i.test(message)) {
        throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: testing value failed`, {
          name,
          group: scope.type.group,
          kind: scope.type.kind,
        });
      }
      throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: ${message}`, {
        name,
        group: scope.type.group,
        kind: scope.type.kind,
      });
    }
  }

  /** Applies the status subresource rules: main writes keep status, status writes keep the rest. */
  private mergeSubresource(scope: RequestScope, previous: KubeObject, incoming: KubeObject): KubeObject {
    const preserved = deepCopy(previous);
    let next: KubeObject;
    if (scope.subresource === 'status') {
      next = preserved;
      if (incoming.status === undefined) delete next.status;
      else next.status = incoming.status;
      // Status writes may not change metadata, except what the API server itself tracks.
    } else if (scope.subresource && scope.subresource !== 'finalize') {
      throw methodNotAllowed();
    } else {
      next = incoming;
      if (hasStatus(scope.type) && scope.subresource !== 'finalize') {
        if (preserved.status === undefined) delete next.status;
        else next.status = preserved.status;
      }
      if (scope.subresource === 'finalize') next.spec = { ...(preserved.spec ?? {}), finalizers: incoming.spec?.finalizers ?? [] };
    }
    const meta = next.metadata;
    meta.uid = previous.metadata.uid;
    meta.creationTimestamp = previous.metadata.creationTimestamp;
    meta.namespace = previous.metadata.namespace;
    meta.name = previous.metadata.name;
    if (previous.metadata.deletionTimestamp) {
      meta.deletionTimestamp = previous.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = previous.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (meta.generation === undefined && previous.metadata.generation !== undefined) meta.generation = previous.metadata.generation;
    if (scope.type.tracksGeneration) meta.generation = previous.metadata.generation;
    return next;
  }

  /** Validates, bumps generation, finishes deletions whose finalizers are gone, and stores. */
  private commit(scope: RequestScope, previous: KubeObject, next: KubeObject, options: WriteOptions): KubeObject {
    const key = storageKeyOf(scope.type);
    if (previous.metadata.deletionTimestamp) {
      const added = (next.metadata.finalizers ?? []).filter(f => !(previous.metadata.finalizers ?? []).includes(f));
      if (added.length) {
        throw invalid({ ...scopeTarget(scope, previous.metadata.name), kind: scope.type.kind }, [
          {
            reason: 'FieldValueForbidden',
            message: 'Forbidden: no new finalizers can be added if the object is being deleted',
            field: 'metadata.finalizers',
          },
        ]);
      }
    }
    if (!scope.type.crd) keepServerAllocatedValues(key, previous, next);
    this.admit(scope, next, false, previous);
    this.hooks.validateWrite?.(scope, next, previous);
    if (scope.type.tracksGeneration && bodyWithoutMetaAndStatus(next) !== bodyWithoutMetaAndStatus(previous)) {
      next.metadata.generation = (previous.metadata.generation ?? 0) + 1;
    }
    if (!next.metadata.finalizers?.length) delete next.metadata.finalizers;
    if (key === 'customresourcedefinitions.apiextensions.k8s.io') this.establishCrd(next);
    const deletionDone =
      previous.metadata.deletionTimestamp &&
      !next.metadata.finalizers?.length &&
      !(key === 'namespaces' && next.spec?.finalizers?.length) &&
      !(key === 'pods' && (previous.metadata.deletionGracePeriodSeconds ?? 0) > 0);
    if (options.dryRun) return this.present(scope, next);
    if (deletionDone) {
      const removed = this.removeNow(key, scope.namespace, previous.metadata.name!);
      return this.present(scope, removed ?? next);
    }
    if (withoutVolatileMeta(next) === withoutVolatileMeta(previous)) {
      return this.present(scope, deepCopy(previous));
    }
    return this.present(scope, this.store.put(key, next));
  }

  /** Defaults and validates; throws 422 with every failing field. */
  private admit(scope: RequestScope, object: KubeObject, isCreate: boolean, previous?: KubeObject) {
    const key = storageKeyOf(scope.type);
    const causes: StatusCause[] = [...validateObjectMeta(key, object)];
    if (scope.type.crd) {
      const schema = scope.type.crd.schemas[scope.version] as JsonSchema | undefined;
      causes.push(...admitCustomResource(schema, object, scope.type.crd.preserveUnknownFields));
    } else {
      applyBuiltinDefaults(key, object, isCreate);
      causes.push(...validateBuiltin(key, object));
      if (previous) causes.push(...validateImmutableFields(key, previous, object));
    }
    object.apiVersion = apiVersionOf(scope.type.group, scope.version);
    object.kind = scope.type.kind;
    if (causes.length) {
      throw invalid({ ...scopeTarget(scope, object.metadata.name), kind: scope.type.kind }, causes);
    }
  }

  private checkBody(scope: RequestScope, body: KubeObject): KubeObject {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request was not a JSON object');
    const object = deepCopy(body);
    object.metadata = object.metadata ?? {};
    if (typeof object.metadata !== 'object') throw badRequest('metadata must be an object');
    const expected = apiVersionOf(scope.type.group, scope.version);
    if (object.apiVersion && object.apiVersion !== expected && !scope.type.versions.some(v => apiVersionOf(scope.type.group, v) === object.apiVersion)) {
      throw badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`);
    }
    if (object.kind && object.kind !== scope.type.kind) {
      throw badRequest(`the kind in the data (${object.kind}) does not match the expected kind (${scope.type.kind})`);
    }
    if (scope.type.namespaced) {
      if (object.metadata.namespace && object.metadata.namespace !== scope.namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      object.metadata.namespace = scope.namespace;
    } else {
      delete object.metadata.namespace;
    }
    return object;
  }

  private checkNamespaceAcceptsCreates(namespace: string, name: string | undefined) {
    const ns = this.store.peek('namespaces', undefined, namespace);
    if (!ns) throw notFound({ group: '', resource: 'namespaces', name: namespace });
    if (ns.metadata.deletionTimestamp) {
      throw forbidden(
        { group: '', resource: 'namespaces', name: name ?? '' },
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  private fieldContext(scope: RequestScope, options: WriteOptions, now: number): FieldManagerContext {
    return {
      manager: options.fieldManager ?? DEFAULT_FIELD_MANAGER,
      apiVersion: apiVersionOf(scope.type.group, scope.version),
      subresource: scope.subresource === 'status' ? 'status' : undefined,
      statusIsSeparate: hasStatus(scope.type),
      schema: scope.type.crd?.schemas[scope.version] as JsonSchema | undefined,
      builtin: !scope.type.crd,
      time: formatTimestamp(now),
    };
  }

  private hasDependents(owner: KubeObject): boolean {
    const uid = owner.metadata.uid;
    for (const type of this.registry.all()) {
      for (const object of this.store.peekAll(storageKeyOf(type))) {
        if (object.metadata.ownerReferences?.some(ref => ref.uid === uid)) return true;
      }
    }
    return false;
  }

  /** Serves a CRD's resource and reports it Established, as the apiextensions controllers do at once. */
  private establishCrd(crd: KubeObject) {
    const type = this.registry.registerCrd(crd);
    const time = formatTimestamp(this.clock.now());
    const names = crd.spec?.names ?? {};
    crd.status = {
      acceptedNames: {
        kind: type.kind,
        listKind: type.listKind,
        plural: type.plural,
        singular: type.singular,
        ...(names.shortNames ? { shortNames: names.shortNames } : {}),
        ...(names.categories ? { categories: names.categories } : {}),
      },
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: time },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: time },
      ],
      storedVersions: (crd.spec?.versions ?? []).filter((v: any) => v.storage).map((v: any) => v.name),
    };
  }

  private removeCrdContents(crd: KubeObject) {
    const type = this.registry.unregisterCrd(crd);
    if (!type) return;
    const key = storageKeyOf(type);
    for (const object of this.store.peekAll(key)) this.store.remove(key, object.metadata.namespace, object.metadata.name!);
  }
}

/** Re-exported for handlers that translate expired continue tokens. @internal */
export { gone };
