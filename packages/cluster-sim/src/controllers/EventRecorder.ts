import { randomBytes } from 'node:crypto';
import { ResourceApi } from '../api/ResourceApi';
import { ApiError } from '../errors';
import { Clock, formatMicroTimestamp, formatTimestamp, KubeObject } from '../types';

/**
 * Records core/v1 Events about objects, aggregating repeats (same object, reason and message)
 * into one Event with a count, as client-go's recorder does.
 * @internal
 */
export class EventRecorder {
  private readonly seen = new Map<string, string>();

  constructor(private readonly api: ResourceApi, private readonly clock: Clock) {}

  record(involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void {
    const namespace = involved.metadata.namespace ?? 'default';
    if (!this.api.store.peek('namespaces', undefined, namespace)) return;
    const scope = this.api.scope('', 'v1', 'events', namespace);
    const now = this.clock.now();
    const aggregateKey = `${involved.metadata.uid}/${reason}/${message}`;
    const existingName = this.seen.get(aggregateKey);
    try {
      if (existingName) {
        const existing = this.api.store.peek('events', namespace, existingName);
        if (existing) {
          this.api.patch(scope, existingName, 'merge', { count: (existing.count ?? 1) + 1, lastTimestamp: formatTimestamp(now) }, { fieldManager: component });
          return;
        }
      }
      const name = `${involved.metadata.name}.${randomBytes(8).toString('hex')}`;
      this.api.create(
        scope,
        {
          metadata: { name, namespace },
          involvedObject: {
            kind: involved.kind,
            namespace: involved.metadata.namespace,
            name: involved.metadata.name,
            uid: involved.metadata.uid,
            apiVersion: involved.apiVersion,
            resourceVersion: involved.metadata.resourceVersion,
          },
          reason,
          message,
          source: { component },
          firstTimestamp: formatTimestamp(now),
          lastTimestamp: formatTimestamp(now),
          eventTime: null,
          count: 1,
          type,
          reportingComponent: component,
          reportingInstance: `${component}-sim`,
        },
        { fieldManager: component },
      );
      this.seen.set(aggregateKey, name);
    } catch (error) {
      // Events are best effort, as on a real cluster.
      if (!(error instanceof ApiError)) throw error;
    }
    void formatMicroTimestamp;
  }
}
