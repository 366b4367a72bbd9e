import { visitFields } from './fieldWalker';
import { formatGoMicroTime, formatGoTime, parseGoTime, RFC3339_LAYOUT, RFC3339_MICRO_LAYOUT } from './goTime';

/**
 * Where the built-in kinds have `metav1.Time` and `metav1.MicroTime` fields, and their
 * decoding: a MicroTime must have exactly six fractional digits; a Time is RFC 3339 and is
 * written back in UTC without fractions, as the real API server stores it.
 */

const CONDITIONS = ['status.conditions[].lastTransitionTime', 'status.conditions[].lastProbeTime'];
const POD_TEMPLATE = ['spec.template.metadata.creationTimestamp'];
const CONTAINER_STATES = ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'].flatMap(list =>
  ['state', 'lastState'].flatMap(state => [
    `status.${list}[].${state}.running.startedAt`,
    `status.${list}[].${state}.terminated.startedAt`,
    `status.${list}[].${state}.terminated.finishedAt`,
  ]),
);

/** Time fields every object has, custom resources included. */
const METADATA_TIMES = ['metadata.creationTimestamp', 'metadata.deletionTimestamp', 'metadata.managedFields[].time'];

/** `metav1.Time` fields by storage key. @internal */
export const TIME_FIELDS: Record<string, string[]> = {
  pods: [...CONDITIONS, 'status.startTime', ...CONTAINER_STATES],
  nodes: ['spec.taints[].timeAdded', 'status.conditions[].lastHeartbeatTime', 'status.conditions[].lastTransitionTime'],
  namespaces: ['status.conditions[].lastTransitionTime'],
  services: ['status.conditions[].lastTransitionTime'],
  persistentvolumeclaims: CONDITIONS,
  events: ['firstTimestamp', 'lastTimestamp'],
  'events.events.k8s.io': ['deprecatedFirstTimestamp', 'deprecatedLastTimestamp'],
  'deployments.apps': [...POD_TEMPLATE, 'status.conditions[].lastTransitionTime', 'status.conditions[].lastUpdateTime'],
  'replicasets.apps': [...POD_TEMPLATE, 'status.conditions[].lastTransitionTime'],
  'statefulsets.apps': [
    ...POD_TEMPLATE,
    'spec.volumeClaimTemplates[].metadata.creationTimestamp',
    'status.conditions[].lastTransitionTime',
  ],
  'jobs.batch': [...POD_TEMPLATE, ...CONDITIONS, 'status.startTime', 'status.completionTime'],
  'customresourcedefinitions.apiextensions.k8s.io': ['status.conditions[].lastTransitionTime'],
};

/** `metav1.MicroTime` fields by storage key. @internal */
export const MICRO_TIME_FIELDS: Record<string, string[]> = {
  'leases.coordination.k8s.io': ['spec.acquireTime', 'spec.renewTime'],
  events: ['eventTime', 'series.lastObservedTime'],
  'events.events.k8s.io': ['eventTime', 'series.lastObservedTime'],
};

/** The error `json.Unmarshal` gives for a non-string where Go wants a string. */
function notAString(value: unknown): Error {
  const type = Array.isArray(value) ? 'array' : typeof value;
  return new Error(`json: cannot unmarshal ${type} into Go value of type string`);
}

function decodeTime(value: unknown, micro: boolean): unknown {
  // null decodes to the zero time, which encodes back as null.
  if (value === null) return null;
  if (typeof value !== 'string') throw notAString(value);
  const time = parseGoTime(value, micro ? RFC3339_MICRO_LAYOUT : RFC3339_LAYOUT);
  return micro ? formatGoMicroTime(time) : formatGoTime(time);
}

/**
 * Parses every time field of an object as the API server decodes it, rewriting each in its
 * stored form; throws Go's parse error for the first that does not decode.
 * @internal
 */
export function decodeTimeFields(resource: string, object: unknown, options: { builtin: boolean }): void {
  const timeFields = [...METADATA_TIMES, ...(options.builtin ? (TIME_FIELDS[resource] ?? []) : [])];
  for (const pattern of timeFields) visitFields(object, pattern, (value, _path, set) => set(decodeTime(value, false)));
  if (!options.builtin) return;
  for (const pattern of MICRO_TIME_FIELDS[resource] ?? []) visitFields(object, pattern, (value, _path, set) => set(decodeTime(value, true)));
}
