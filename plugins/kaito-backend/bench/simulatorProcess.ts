/*
 * The benchmark's cluster, in its own process so the backend's memory can be
 * measured alone: the simulator with every delay at zero, counting the
 * backend's API requests as they arrive. Driven over IPC by reconcile.ts.
 */
import http from 'node:http';
import { startClusterSimulator } from '@kaito-backstage/cluster-sim';
import { RequestCounts, SimulatorCommand, SimulatorReply, WriteCounts } from './protocol';

const reads = new Map<string, number>();

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function emptyCounts(): RequestCounts {
  return { get: 0, list: 0, watch: 0, create: 0, update: 0, patch: 0, delete: 0 };
}

function classify(method: string, url: URL, counts: RequestCounts): void {
  switch (method) {
    case 'GET': {
      if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1') counts.watch++;
      // A collection path has an even number of segments after the group/version prefix; a simpler
      // test is enough here: named reads end with the name, lists end with a plural.
      // A subresource (a pod's log, /status, /scale) is a read of one object, not a list.
      else if (/\/(log|status|scale|proxy)$/.test(url.pathname)) counts.get++;
      else if (/\/(namespaces\/[^/]+\/)?[a-z]+$/.test(url.pathname) && !/\/namespaces\/[^/]+$/.test(url.pathname)) counts.list++;
      else counts.get++;
      return;
    }
    case 'POST':
      counts.create++;
      return;
    case 'PUT':
      counts.update++;
      return;
    case 'PATCH':
      counts.patch++;
      return;
    case 'DELETE':
      counts.delete++;
      return;
    default:
  }
}

const WRITE_VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/**
 * `<verb> <resource>[/<subresource>]` of a write: the plural comes after
 * `/api/v1` or `/apis/<group>/<version>`, and after `namespaces/<ns>` when namespaced.
 */
function writeKey(method: string, pathname: string): string | undefined {
  const verb = WRITE_VERBS[method];
  if (!verb) return undefined;
  const segments = pathname.split('/').filter(Boolean);
  let rest = segments[0] === 'api' ? segments.slice(2) : segments.slice(3);
  if (rest[0] === 'namespaces' && rest.length > 2) rest = rest.slice(2);
  const [resource, , subresource] = rest;
  return `${verb} ${resource}${subresource ? `/${subresource}` : ''}`;
}

async function main() {
  let counts = emptyCounts();
  let writes: WriteCounts = {};
  // Counted as the requests arrive, in the server itself: a counting proxy in front would spend
  // this process's CPU on every request and every watch byte, more for a client that watches more.
  const count = (req: http.IncomingMessage) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    classify(req.method ?? 'GET', url, counts);
    // KAITO_BENCH_LOG_READS=1 (diagnostic): the paths read, names and namespaces masked, printed at the end.
    if (process.env.KAITO_BENCH_LOG_READS === '1' && req.method === 'GET' && !url.searchParams.has('watch')) {
      const shape = url.pathname.replace(/\/namespaces\/[^/]+/, '/namespaces/*').replace(/\/([a-z0-9.-]*[0-9][a-z0-9.-]*)(?=\/|$)/g, '/*');
      reads.set(shape, (reads.get(shape) ?? 0) + 1);
    }
    const write = writeKey(req.method ?? 'GET', url.pathname);
    if (write) writes[write] = (writes[write] ?? 0) + 1;
  };
  const sim = await startClusterSimulator({
    // Plain HTTP: TLS is not what is measured.
    tls: false,
    behaviour: {
      provisioner: { delayMs: 0 },
      kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 },
      jobs: { durationMs: 0 },
      modelServer: { tokenDelayMs: 0 },
    },
    onRequest: count,
  });

  process.on('disconnect', () => process.exit(0));
  const send = (reply: SimulatorReply) => process.send!(reply);
  process.on('message', (command: SimulatorCommand) => {
    switch (command.type) {
      case 'create': {
        const uids: string[] = [];
        for (const workspace of command.workspaces as Array<{ metadata: { namespace?: string } }>) {
          const scope = sim.api.scope('kaito.sh', 'v1beta1', 'workspaces', workspace.metadata.namespace ?? 'default');
          uids.push(sim.api.create(scope, workspace as any, { fieldManager: 'bench' }).metadata!.uid!);
        }
        send({ type: 'created', uids });
        return;
      }
      case 'namespaces': {
        const scope = sim.api.scope('', 'v1', 'namespaces');
        for (const name of command.names) {
          if (!sim.store.peek('namespaces', undefined, name)) sim.api.create(scope, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as any, { fieldManager: 'bench' });
        }
        send({ type: 'namespaces' });
        return;
      }
      case 'touch': {
        const scope = sim.api.scope('kaito.sh', 'v1beta1', 'workspaces', command.namespace);
        sim.api.patch(scope, command.name, 'merge', { metadata: { annotations: { 'bench.kaito.sh/probe': command.value } } }, { fieldManager: 'bench' });
        send({ type: 'touched', at: Date.now() });
        return;
      }
      case 'children': {
        const owned = (object: any) =>
          object.metadata?.labels?.['kaito.sh/workspace'] === command.name &&
          (object.metadata?.namespace ?? object.metadata?.labels?.['kaito.sh/workspacenamespace']) === command.namespace;
        // Store keys are `<plural>.<group>` (the core group: the plural alone).
        const objects = ['nodeclaims.karpenter.sh', 'services', 'statefulsets.apps'].flatMap(key =>
          sim.store.peekAll(key).filter(owned).map(object => ({ plural: key, object })),
        );
        send({ type: 'children', objects, workspace: sim.store.peek('workspaces.kaito.sh', command.namespace, command.name) });
        return;
      }
      case 'counts':
        send({ type: 'counts', counts, writes, cpuMs: cpuMs() });
        return;
      case 'resetCounts':
        counts = emptyCounts();
        writes = {};
        send({ type: 'counts', counts, writes, cpuMs: cpuMs() });
        return;
      case 'objects': {
        const byKind: Record<string, number> = {};
        for (const plural of command.plurals) byKind[plural] = sim.store.peekAll(plural).length;
        send({ type: 'objects', byKind });
        return;
      }
      case 'stop':
        for (const [path, n] of [...reads].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stderr.write(`${String(n).padStart(7)} GET ${path}\n`);
        void sim.stop().then(() => process.exit(0));
        return;
      default:
    }
  });
  send({ type: 'ready', url: sim.url, token: sim.token });
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
