import { ApiError } from '../errors';
import { storageKeyOf } from '../registry/ResourceType';
import { deepCopy } from '../types';
import { ControllerContext, scopeOf } from './ControllerContext';
import { KeyedLoop, ReconcileResult } from './KeyedLoop';

/**
 * Gives each new namespace its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap, and
 * empties a terminating namespace before removing it, as kube-controller-manager does.
 * @internal
 */
export class NamespaceController {
  private readonly loop: KeyedLoop;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: ControllerContext) {
    this.loop = new KeyedLoop('namespace', name => this.reconcile(name), ctx.clock, ctx.onError);
    this.unsubscribe = ctx.api.store.subscribe(event => {
      if (event.resource === 'namespaces' && event.type !== 'DELETED') this.loop.enqueue(event.object.metadata.name!);
      else if (event.type === 'DELETED' && event.object.metadata.namespace) {
        const ns = ctx.api.store.peek('namespaces', undefined, event.object.metadata.namespace);
        if (ns?.metadata.deletionTimestamp) this.loop.enqueue(ns.metadata.name!);
      }
    });
    for (const ns of ctx.api.store.peekAll('namespaces')) this.loop.enqueue(ns.metadata.name!);
  }

  stop() {
    this.unsubscribe();
    this.loop.stop();
  }

  private reconcile(name: string): ReconcileResult {
    const { api } = this.ctx;
    const namespace = api.store.peek('namespaces', undefined, name);
    if (!namespace) return undefined;
    if (!namespace.metadata.deletionTimestamp) {
      this.ensure('serviceaccounts', name, 'default', {});
      this.ensure('configmaps', name, 'kube-root-ca.crt', {
        data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nc2ltdWxhdGVk\n-----END CERTIFICATE-----\n' },
      });
      return undefined;
    }
    let remaining = 0;
    for (const type of api.registry.all()) {
      if (!type.namespaced) continue;
      const key = storageKeyOf(type);
      for (const object of api.store.peekAll(key, name)) {
        remaining++;
        if (object.metadata.deletionTimestamp) continue;
        try {
          api.delete(scopeOf(api, key, name), object.metadata.name!, { propagationPolicy: 'Background', gracePeriodSeconds: 0 });
        } catch (error) {
          if (!(error instanceof ApiError && error.code === 404)) throw error;
        }
      }
    }
    if (remaining > 0) return { requeueAfterMs: 50 };
    const next = deepCopy(namespace);
    next.spec = { ...(next.spec ?? {}), finalizers: [] };
    api.update(scopeOf(api, 'namespaces', undefined, 'finalize'), name, next, { fieldManager: 'namespace-controller' });
    return undefined;
  }

  private ensure(resource: string, namespace: string, name: string, body: Record<string, unknown>) {
    const { api } = this.ctx;
    if (api.store.peek(resource, namespace, name)) return;
    try {
      api.create(scopeOf(api, resource, namespace), { metadata: { name, namespace }, ...body }, { fieldManager: 'kube-controller-manager' });
    } catch (error) {
      if (!(error instanceof ApiError && (error.code === 409 || error.code === 403))) throw error;
    }
  }
}
