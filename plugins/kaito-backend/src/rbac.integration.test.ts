import { KubeConfig, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { AuthorizationRecord, ClusterSimulator, startClusterSimulator } from '@kaito-backstage/cluster-sim';
import { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';
import http from 'node:http';
import request from 'supertest';
import { eventually } from './__testUtils__/eventually';
import { allowedByDefault, AtomicGrant, atomicGrantsOf, grantAllows, readShippedRbac, applyShippedRbac } from './__testUtils__/shippedRbac';
import { startKaitoApi } from './__testUtils__/kaitoApiBackend';

jest.setTimeout(120_000);

type Provisioner = 'gpu-provisioner' | 'karpenter';

/** One run of the scenario: what the ServiceAccount asked for, and what the test saw. */
interface ScenarioRun {
  provisioner: Provisioner;
  records: AuthorizationRecord[];
}

const INFERENCE = {
  cluster: 'sim',
  namespace: 'default',
  name: 'phi',
  preset: 'phi-3-mini-4k-instruct',
  // A SKU with NVMe: the controller asks whether the kaito-local-nvme-disk StorageClass exists.
  instanceType: 'Standard_NC24ads_A100_v4',
  owner: 'group:default/ml-team',
  entityRef: 'component:default/support-assistant',
};

const TUNING = {
  ...INFERENCE,
  name: 'phi-tuned',
  tuning: {
    method: 'qlora',
    inputUrls: ['https://example.com/dataset.parquet'],
    outputImage: 'registry.example.com/tuned/phi:0.1',
    outputImagePushSecret: 'push-secret',
  },
};

/** A StatefulSet and a Job that someone else runs under names a user might pick for workspaces. */
const FOREIGN_OBJECTS = [
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'phi-taken', namespace: 'default' },
    spec: {
      replicas: 0,
      serviceName: 'phi-taken',
      selector: { matchLabels: { app: 'someone-elses-db' } },
      template: { metadata: { labels: { app: 'someone-elses-db' } }, spec: { containers: [{ name: 'db', image: 'example.com/db:1' }] } },
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'phi-tuned-taken', namespace: 'default' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'backup', image: 'example.com/backup:1' }] } } },
  },
];

/** Workspaces whose child names are taken: the controller reads the object in the way (get) and reports it. */
const CONFLICTING = [
  { ...INFERENCE, name: 'kubernetes', entityRef: undefined },
  { ...INFERENCE, name: 'phi-taken', entityRef: undefined },
  { ...TUNING, name: 'phi-tuned-taken', entityRef: undefined },
];

function describeRecord(r: AuthorizationRecord): string {
  if (!r.resourceRequest) return `${r.verb} ${r.path}`;
  const resource = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  const group = r.apiGroup ? `.${r.apiGroup}` : '';
  return `${r.verb} ${resource}${group}${r.name ? ` "${r.name}"` : ''} ${r.namespace ? `in ${r.namespace}` : 'cluster-wide'}`;
}

/** The refused requests, each once. An admission plugin's probe of delete (before it checks the owner's finalizers) is no refusal. */
function refusalsOf(records: AuthorizationRecord[]): string[] {
  return [...new Set(records.filter(r => !r.allowed && !(r.source === 'admission' && r.verb === 'delete')).map(describeRecord))];
}

async function chat(server: http.Server, key: string): Promise<string> {
  const res = await request(server)
    .post(`/api/kaito/workspaces/${key}/chat`)
    .send({ messages: [{ role: 'user', content: 'What is Kubernetes?' }], max_tokens: 8 });
  if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.choices[0].message.content;
}

/**
 * The whole life of an inference and a tuning workspace through the REST API, with the controller
 * and the API both holding only a token of the shipped rbac.yaml's ServiceAccount, leader election on.
 */
async function runScenario(provisioner: Provisioner): Promise<ScenarioRun & { sim: ClusterSimulator }> {
  const sim = await startClusterSimulator({
    behaviour: {
      provisioner: { delayMs: 0 },
      kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 },
      jobs: { durationMs: 0 },
      modelServer: { tokenDelayMs: 0 },
    },
  });
  const rbac = await applyShippedRbac(sim);
  const adminConfig = new KubeConfig();
  adminConfig.loadFromString(sim.kubeconfigYaml());
  const admin = KubernetesObjectApi.makeApiClient(adminConfig);
  const mergePatch = (object: object) =>
    admin.patch(object as never, undefined, undefined, 'kubectl-edit', undefined, PatchStrategy.MergePatch);
  // A Kaito ≤ 0.7 Deployment of the same name, which the controller migrates away.
  await admin.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'phi', namespace: 'default', labels: { 'kaito.sh/workspace': 'phi' } },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'legacy-phi' } },
      template: { metadata: { labels: { app: 'legacy-phi' } }, spec: { containers: [{ name: 'model', image: 'mcr.microsoft.com/aks/kaito/kaito-phi-3-mini-4k-instruct:0.0.1' }] } },
    },
  } as never);
  for (const object of FOREIGN_OBJECTS) await admin.create(object as never);
  sim.authorizationLog.start();
  const backend = await startKaitoApi(sim, {
    token: rbac.token,
    verifyTls: true,
    cluster: { provisioner },
    kaito: {
      controller: { leaderElection: { enabled: true, namespace: rbac.leaseNamespace } },
      // The sandbox has no DNS: the tuning URLs' hosts cannot be resolved.
      security: { unresolvableDataUrls: 'warn' },
      // Room for every scenario workspace (the default quota is 2 workspaces).
      quotas: { groups: [{ group: 'group:default/ml-team', maxGpus: 64, maxWorkspaces: 20 }] },
    },
  });
  const server = backend.server;
  try {
    // Inference: create, Ready, details with events, logs, chat through the service proxy, delete.
    const created = await request(server).post('/api/kaito/workspaces').send(INFERENCE);
    if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
    const details = await eventually(async () => {
      const r = await request(server).get('/api/kaito/workspaces/sim/default/phi');
      return r.body.state === 'Ready' && (r.body.events ?? []).length > 0 ? (r.body as WorkspaceDetails) : undefined;
    }, `phi to be Ready with events (${provisioner})`, 60_000);
    expect(details.events.length).toBeGreaterThan(0);
    await eventually(() => !sim.store.peek('deployments.apps', 'default', 'phi'), 'the legacy Deployment to go');

    // Someone deletes the workspace's Services by hand (phi, phi-headless, phi again): each is created again,
    // and the repeated Event ("Created Service phi") is counted up rather than written anew.
    const servicePresent = (name: string, uid?: string) => () => {
      const service = sim.store.peek('services', 'default', name);
      return Boolean(service && service.metadata.uid !== uid);
    };
    for (const name of ['phi', 'phi-headless', 'phi']) {
      const uid = sim.store.peek('services', 'default', name)!.metadata.uid;
      await admin.delete({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' } } as never);
      await eventually(servicePresent(name, uid), `the Service ${name} to be created again`);
    }
    await eventually(
      () => sim.store.peekAll('events', 'default').some(e => e.reason === 'WorkloadCreated' && e.message === 'Created Service phi' && (e.count ?? 1) >= 2),
      'the repeated WorkloadCreated Event to be counted up',
    );

    // A GPU node that lost its accelerator label gets it back.
    // gpu-provisioner labels its nodes kaito.sh/workspace, Karpenter (from the NodePool template) karpenter.kaito.sh/workspace-name.
    const node = sim.store
      .peekAll('nodes')
      .find(n => n.metadata.labels?.['kaito.sh/workspace'] === 'phi' || n.metadata.labels?.['karpenter.kaito.sh/workspace-name'] === 'phi')!;
    await mergePatch({ apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata.name, labels: { accelerator: null } } });
    await eventually(() => sim.store.peek('nodes', undefined, node.metadata.name!)?.metadata.labels?.accelerator === 'nvidia', 'the node to be labelled again');
    const logs = await request(server).get('/api/kaito/workspaces/sim/default/phi/logs?tailLines=5');
    expect(logs.status).toBe(200);
    expect(await chat(server, 'sim/default/phi')).toMatch(/simulated/i);

    // Someone edits the StatefulSet's env (a field Kaito owns) by hand: it stays at this revision, as Kaito
    // leaves it; the workspace's next revision (an adapter added) writes the env, volumes and init containers.
    const handEdited = sim.store.peek('statefulsets.apps', 'default', 'phi')!;
    const handContainers = handEdited.spec.template.spec.containers.map((c: { name: string; env?: object[] }, i: number) =>
      i === 0 ? { ...c, env: [...(c.env ?? []), { name: 'HTTP_PROXY', value: 'http://hand-edited' }] } : c,
    );
    await mergePatch({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'phi', namespace: 'default' }, spec: { template: { spec: { containers: handContainers } } } });
    await mergePatch({
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'phi', namespace: 'default' },
      inference: { adapters: [{ source: { name: 'phi-adapter', image: 'myacr.azurecr.io/adapters/phi:0.0.1' } }] },
    });
    await eventually(() => {
      const sts = sim.store.peek('statefulsets.apps', 'default', 'phi')!;
      const proxied = sts.spec.template.spec.containers[0].env?.some((e: { name: string }) => e.name === 'HTTP_PROXY');
      return sts.metadata.annotations?.['workspace.kaito.io/revision'] === '2' && !proxied;
    }, 'the StatefulSet to be updated to the new revision');

    // A gated model: the API gets exactly the named Secret (its metadata) before accepting the request.
    await admin.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'hf-token', namespace: 'default' }, stringData: { HF_TOKEN: 'hf_x' } } as never);
    const gated = { ...INFERENCE, name: 'llama', preset: 'llama-3.1-8b-instruct', entityRef: undefined, dryRun: true };
    const withSecret = await request(server).post('/api/kaito/workspaces').send({ ...gated, modelAccessSecret: 'hf-token' });
    expect(withSecret.status).toBe(200);
    const missing = await request(server).post('/api/kaito/workspaces').send({ ...gated, modelAccessSecret: 'no-such-token' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('Secret no-such-token does not exist in namespace default');
    // The dry run asks the API server too (dryRun=All): a namespace that does not exist is said before Create.
    const nowhere = await request(server).post('/api/kaito/workspaces').send({ ...INFERENCE, name: 'phi-nowhere', namespace: 'no-such-namespace', entityRef: undefined, dryRun: true });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.message).toContain('namespace no-such-namespace does not exist on cluster sim');
    expect(sim.store.peek('workspaces.kaito.sh', 'default', 'llama')).toBeUndefined();

    // Tuning: create, Succeeded.
    const tuning = await request(server).post('/api/kaito/workspaces').send(TUNING);
    if (tuning.status !== 201) throw new Error(`tuning create failed: ${JSON.stringify(tuning.body)}`);
    await eventually(async () => {
      const r = await request(server).get('/api/kaito/workspaces/sim/default/phi-tuned');
      return r.body.columns?.workspaceSucceeded === 'True' ? true : undefined;
    }, `phi-tuned to succeed (${provisioner})`, 60_000);

    // A new tuning input is a new revision: the Job (whose pod template is immutable) is replaced.
    const firstJob = sim.store.peekAll('jobs.batch', 'default').find(j => j.metadata.labels?.['kaito.sh/workspace'] === 'phi-tuned')!;
    await mergePatch({
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'phi-tuned', namespace: 'default' },
      tuning: { input: { urls: ['https://example.com/dataset-v2.parquet'] } },
    });
    await eventually(
      () => sim.store.peekAll('jobs.batch', 'default').some(j => j.metadata.labels?.['kaito.sh/workspace'] === 'phi-tuned' && j.metadata.uid !== firstJob.metadata.uid),
      'a new tuning Job',
      30_000,
    );

    if (provisioner === 'karpenter') {
      // Someone scales the workspace's NodePool down by hand: the controller raises it back.
      const pool = sim.store.peekAll('nodepools.karpenter.sh').find(p => p.metadata.labels?.['karpenter.kaito.sh/workspace-name'] === 'phi')!;
      await mergePatch({ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: pool.metadata.name }, spec: { replicas: 0 } });
      await eventually(() => sim.store.peek('nodepools.karpenter.sh', undefined, pool.metadata.name!)?.spec?.replicas === 1, 'the NodePool to be raised back');
    }

    // Workspaces whose Service, StatefulSet or Job name is taken by someone else's object: ResourceConflict, nothing adopted.
    for (const body of CONFLICTING) {
      const res = await request(server).post('/api/kaito/workspaces').send(body);
      if (res.status !== 201) throw new Error(`create of ${body.name} failed: ${JSON.stringify(res.body)}`);
    }
    for (const body of CONFLICTING) {
      await eventually(
        () => sim.store.peek('workspaces.kaito.sh', 'default', body.name)?.status?.conditions?.some((c: { reason?: string }) => c.reason === 'ResourceConflict'),
        `${body.name} to report ResourceConflict (${provisioner})`,
        60_000,
      );
    }
    expect(sim.store.peek('services', 'default', 'kubernetes')!.metadata.ownerReferences).toBeUndefined();
    for (const object of FOREIGN_OBJECTS) await admin.delete(object as never);

    // An InferenceSet (applied by someone with kubectl): two child Workspaces, Ready, then scaled to 1 and deleted.
    await admin.create({
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'InferenceSet',
      metadata: { name: 'phi-set', namespace: 'default' },
      spec: {
        replicas: 2,
        labelSelector: { matchLabels: { apps: 'phi-set' } },
        template: { resource: { instanceType: INFERENCE.instanceType }, inference: { preset: { name: INFERENCE.preset } } },
      },
    } as never);
    const setReady = () =>
      sim.store.peek('inferencesets.kaito.sh', 'default', 'phi-set')?.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'InferenceSetReady' && c.status === 'True');
    await eventually(setReady, `the InferenceSet to be Ready (${provisioner})`, 60_000);
    await mergePatch({ apiVersion: 'kaito.sh/v1beta1', kind: 'InferenceSet', metadata: { name: 'phi-set', namespace: 'default' }, spec: { replicas: 1 } });
    const setChildren = () => sim.store.peekAll('workspaces.kaito.sh', 'default').filter(w => w.metadata.labels?.['inferenceset.kaito.sh/created-by'] === 'phi-set');
    await eventually(() => setChildren().length === 1, 'the InferenceSet to scale to 1', 30_000);
    await admin.delete({ apiVersion: 'kaito.sh/v1beta1', kind: 'InferenceSet', metadata: { name: 'phi-set', namespace: 'default' } } as never);
    await eventually(() => !sim.store.peek('inferencesets.kaito.sh', 'default', 'phi-set') && setChildren().length === 0, 'the InferenceSet and its Workspaces to go', 30_000);

    for (const name of ['phi', 'phi-tuned', ...CONFLICTING.map(c => c.name)]) {
      expect((await request(server).delete(`/api/kaito/workspaces/sim/default/${name}`)).status).toBeLessThan(300);
      await eventually(async () => (await request(server).get(`/api/kaito/workspaces/sim/default/${name}`)).status === 404, `${name} to go`, 30_000);
    }
    await eventually(() => sim.store.peekAll('statefulsets.apps').length === 0, 'the StatefulSets to go');
  } catch (error) {
    // A step that never finishes is most often a refused request: name them.
    const refused = refusalsOf(sim.authorizationLog.records().filter(r => r.user === rbac.user));
    throw new Error(`${(error as Error).message} (${provisioner}); refused meanwhile: ${JSON.stringify(refused)}`);
  } finally {
    await backend.stop();
    sim.authorizationLog.stop();
  }
  const records = sim.authorizationLog.records().filter(r => r.user === rbac.user);
  return { sim, provisioner, records };
}

describe('the controller and REST API with only the shipped rbac.yaml', () => {
  const runs: ScenarioRun[] = [];
  const grants: AtomicGrant[] = atomicGrantsOf(readShippedRbac());

  beforeAll(async () => {
    for (const provisioner of ['gpu-provisioner', 'karpenter'] as const) {
      const run = await runScenario(provisioner);
      await run.sim.stop();
      runs.push({ provisioner: run.provisioner, records: run.records });
    }
  });

  it.each(['gpu-provisioner', 'karpenter'] as const)('is refused nothing with %s', provisioner => {
    const run = runs.find(r => r.provisioner === provisioner)!;
    expect(run.records.length).toBeGreaterThan(0);
    expect(refusalsOf(run.records)).toEqual([]);
  });

  // A grant is needed when some allowed request matches it and no other grant of rbac.yaml: without it,
  // that request would be refused. Default rights of every authenticated user (discovery, self reviews) need none.
  describe('uses every right rbac.yaml grants', () => {
    it.each(grants.map(g => [g.title, g] as const))('%s', (title, grant) => {
      const needing = runs
        .flatMap(run => run.records)
        .filter(r => r.allowed && !allowedByDefault(r))
        // The admission's delete probe has an alternative (the owner's finalizers): only its finalizers check is a need.
        .filter(r => r.source === 'request' || (r.resourceRequest && r.subresource === 'finalizers'))
        .filter(r => grantAllows(grant, r))
        .filter(r => grants.every(other => other === grant || !grantAllows(other, r)));
      // The message says what to do when nothing needs the grant.
      expect({ grant: title, neededBy: needing.length > 0 ? 'some request' : 'no request: drop it from CONTROLLER_PERMISSIONS, or drive the code that needs it here' }).toEqual({
        grant: title,
        neededBy: 'some request',
      });
    });
  });
});
