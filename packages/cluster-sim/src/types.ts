/**
 * Shapes shared across the simulator. Objects are plain JSON, exactly as on the wire.
 */
import type { ObjectMeta as CommonObjectMeta, OwnerReference } from '@kaito-backstage/plugin-kaito-common';

export type { OwnerReference };

/** @public */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** Object metadata as the API server stores it: the domain library's, plus server-side fields. @public */
export interface ObjectMeta extends CommonObjectMeta {
  // Server-set fields, readonly to clients in `kubernetes-types`: the API server is their one writer.
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

/** A Kubernetes object as JSON. @public */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: any;
}

/** Time source and timers, injectable so tests and behaviour loops never sleep for real. @public */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. @internal */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout),
};

/** RFC 3339 with second precision, as metav1.Time serialises. @internal */
export function formatTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Micro-second precision, as metav1.MicroTime serialises (events.k8s.io eventTime, leases). @internal */
export function formatMicroTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/** Deep copy of plain JSON. @internal */
export function deepCopy<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** JSON with object keys sorted, so that equal objects serialise equally. @internal */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.keys(v)
          .sort()
          .reduce((sorted: Record<string, unknown>, k) => {
            sorted[k] = v[k];
            return sorted;
          }, {})
      : v,
  );
}
