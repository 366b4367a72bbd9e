import { ApiError } from '../errors';
import { KubeObject } from '../types';
import { ControllerContext, objectKey, splitKey } from './ControllerContext';
import { KeyedLoop, ReconcileResult } from './KeyedLoop';

/**
 * The shared loop of the workload controllers: reconcile an owner when it or anything it owns
 * (pods, replica sets, claims) changes.
 * @internal
 */
export abstract class WorkloadController {
  protected readonly loop: KeyedLoop;
  private readonly unsubscribe: () => void;

  constructor(protected readonly ctx: ControllerContext, protected readonly resource: string, protected readonly kind: string, childResources: string[]) {
    this.loop = new KeyedLoop(resource, key => this.reconcileKey(key), ctx.clock, ctx.onError);
    this.unsubscribe = ctx.api.store.subscribe(event => {
      if (event.resource === resource) {
        this.loop.enqueue(objectKey(event.object));
        return;
      }
      if (!childResources.includes(event.resource)) return;
      for (const object of [event.object, event.previous]) {
        const owner = object?.metadata.ownerReferences?.find(ref => ref.controller && ref.kind === kind);
        if (owner) this.loop.enqueue(`${object!.metadata.namespace}/${owner.name}`);
      }
    });
    for (const object of ctx.api.store.peekAll(resource)) this.loop.enqueue(objectKey(object));
  }

  stop() {
    this.unsubscribe();
    this.loop.stop();
  }

  private reconcileKey(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const object = this.ctx.api.store.peek(this.resource, namespace, name);
    if (!object || object.metadata.deletionTimestamp) return undefined;
    return this.reconcile(object);
  }

  protected abstract reconcile(object: KubeObject): ReconcileResult;

  /** Creates, ignoring AlreadyExists (a previous pass got there first). */
  protected createQuietly(resource: string, namespace: string, body: KubeObject) {
    const type = this.ctx.api.registry.byStorageKey(resource)!;
    try {
      this.ctx.api.create({ type, version: type.versions[0], namespace }, body, { fieldManager: `${this.resource}-controller` });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 409)) throw error;
    }
  }

  /** Deletes, ignoring NotFound. */
  protected deleteQuietly(resource: string, namespace: string, name: string) {
    const type = this.ctx.api.registry.byStorageKey(resource)!;
    try {
      this.ctx.api.delete({ type, version: type.versions[0], namespace }, name, { propagationPolicy: 'Background' });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 404)) throw error;
    }
  }
}
