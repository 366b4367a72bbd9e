import { PrinterColumn, ResourceType } from '../registry/ResourceType';
import { KubeObject } from '../types';
import { evaluateJsonPath } from './jsonPath';

/** A `meta.k8s.io/v1` Table, what kubectl asks for to print `get` output. @internal */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: Array<{ name: string; type: string; format: string; description: string; priority: number }>;
  rows: Array<{ cells: unknown[]; object: unknown }>;
}

/** A human age as kubectl prints it (`45s`, `3m12s`, `5h`, `2d`). @internal */
export function humanAge(fromIso: string | undefined, nowMs: number): string {
  if (!fromIso) return '<unknown>';
  const seconds = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 8) return `${days}d${hours % 24}h`;
  return `${days}d`;
}

type Column = { name: string; type?: string; format?: string; priority?: number; cell: (o: KubeObject, now: number) => unknown };

const age: Column = { name: 'Age', type: 'string', cell: (o, now) => humanAge(o.metadata.creationTimestamp, now) };

function conditionStatus(object: KubeObject, type: string): string | undefined {
  return (object.status?.conditions ?? []).find((c: any) => c.type === type)?.status;
}

const BUILTIN_COLUMNS: Record<string, Column[]> = {
  pods: [
    {
      name: 'Ready',
      cell: o => {
        const statuses: any[] = o.status?.containerStatuses ?? [];
        return `${statuses.filter(s => s.ready).length}/${o.spec?.containers?.length ?? 0}`;
      },
    },
    {
      name: 'Status',
      cell: o => {
        if (o.metadata.deletionTimestamp) return 'Terminating';
        const waiting = (o.status?.containerStatuses ?? []).find((s: any) => s.state?.waiting?.reason)?.state.waiting.reason;
        const terminated = (o.status?.containerStatuses ?? []).find((s: any) => s.state?.terminated?.reason)?.state.terminated.reason;
        return waiting ?? terminated ?? o.status?.phase ?? 'Pending';
      },
    },
    { name: 'Restarts', type: 'integer', cell: o => (o.status?.containerStatuses ?? []).reduce((n: number, s: any) => n + (s.restartCount ?? 0), 0) },
    age,
    { name: 'IP', priority: 1, cell: o => o.status?.podIP ?? '<none>' },
    { name: 'Node', priority: 1, cell: o => o.spec?.nodeName ?? '<none>' },
  ],
  nodes: [
    { name: 'Status', cell: o => (conditionStatus(o, 'Ready') === 'True' ? 'Ready' : 'NotReady') + (o.spec?.unschedulable ? ',SchedulingDisabled' : '') },
    { name: 'Roles', cell: () => '<none>' },
    age,
    { name: 'Version', cell: o => o.status?.nodeInfo?.kubeletVersion ?? '' },
    { name: 'Instance-Type', priority: 1, cell: o => o.metadata.labels?.['node.kubernetes.io/instance-type'] ?? '' },
  ],
  namespaces: [{ name: 'Status', cell: o => o.status?.phase ?? '' }, age],
  services: [
    { name: 'Type', cell: o => o.spec?.type ?? '' },
    { name: 'Cluster-IP', cell: o => o.spec?.clusterIP ?? '' },
    { name: 'External-IP', cell: o => o.status?.loadBalancer?.ingress?.[0]?.ip ?? '<none>' },
    { name: 'Port(s)', cell: o => (o.spec?.ports ?? []).map((p: any) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>' },
    age,
  ],
  'statefulsets.apps': [{ name: 'Ready', cell: o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` }, age],
  'deployments.apps': [
    { name: 'Ready', cell: o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
    { name: 'Up-to-date', type: 'integer', cell: o => o.status?.updatedReplicas ?? 0 },
    { name: 'Available', type: 'integer', cell: o => o.status?.availableReplicas ?? 0 },
    age,
  ],
  'replicasets.apps': [
    { name: 'Desired', type: 'integer', cell: o => o.spec?.replicas ?? 0 },
    { name: 'Current', type: 'integer', cell: o => o.status?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', cell: o => o.status?.readyReplicas ?? 0 },
    age,
  ],
  'jobs.batch': [
    {
      name: 'Status',
      cell: o => {
        if (conditionStatus(o, 'Complete') === 'True') return 'Complete';
        return conditionStatus(o, 'Failed') === 'True' ? 'Failed' : 'Running';
      },
    },
    { name: 'Completions', cell: o => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}` },
    age,
  ],
  persistentvolumeclaims: [{ name: 'Status', cell: o => o.status?.phase ?? '' }, age],
  events: [
    { name: 'Type', cell: o => o.type ?? '' },
    { name: 'Reason', cell: o => o.reason ?? '' },
    { name: 'Object', cell: o => `${String(o.involvedObject?.kind ?? '').toLowerCase()}/${o.involvedObject?.name ?? ''}` },
    { name: 'Message', cell: o => o.message ?? '' },
  ],
  'customresourcedefinitions.apiextensions.k8s.io': [{ name: 'Created At', cell: o => o.metadata.creationTimestamp }],
  // As kube-apiserver prints them: the number of webhooks, then the age.
  'validatingwebhookconfigurations.admissionregistration.k8s.io': [{ name: 'Webhooks', type: 'integer', cell: o => o.webhooks?.length ?? 0 }, age],
  'mutatingwebhookconfigurations.admissionregistration.k8s.io': [{ name: 'Webhooks', type: 'integer', cell: o => o.webhooks?.length ?? 0 }, age],
};

function printerColumnCell(column: PrinterColumn, object: KubeObject, now: number): unknown {
  const values = evaluateJsonPath(object, column.jsonPath);
  if (values.length === 0) return null;
  const value = values[0];
  if (column.type === 'date') return typeof value === 'string' ? humanAge(value, now) : null;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

function columnsFor(type: ResourceType, version: string, storageKey: string): Column[] {
  if (type.crd) {
    const printer = type.crd.printerColumns[version] ?? [];
    if (printer.length === 0) return [age];
    return printer.map(column => ({
      name: column.name,
      type: column.type === 'date' ? 'string' : column.type,
      format: column.format,
      priority: column.priority,
      cell: (o: KubeObject, now: number) => printerColumnCell(column, o, now),
    }));
  }
  return BUILTIN_COLUMNS[storageKey] ?? [age];
}

function rowObject(object: KubeObject, include: 'None' | 'Metadata' | 'Object'): unknown {
  if (include === 'Object') return object;
  if (include === 'None') return null;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

/** Renders objects as a Table for `kubectl get`. @internal */
export function toTable(
  type: ResourceType,
  version: string,
  storageKey: string,
  objects: KubeObject[],
  listMeta: Table['metadata'],
  nowMs: number,
  includeObject: 'None' | 'Metadata' | 'Object' = 'Metadata',
): Table {
  const columns = columnsFor(type, version, storageKey);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
      ...columns.map(c => ({ name: c.name, type: c.type ?? 'string', format: c.format ?? '', description: c.name, priority: c.priority ?? 0 })),
    ],
    rows: objects.map(object => ({
      cells: [object.metadata.name, ...columns.map(c => c.cell(object, nowMs))],
      object: rowObject(object, includeObject),
    })),
  };
}
