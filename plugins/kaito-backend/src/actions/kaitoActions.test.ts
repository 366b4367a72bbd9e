import http from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parse } from 'yaml';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { DefaultAuditorService } from '@backstage/backend-defaults/auditor';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';

jest.setTimeout(60_000);

/** The actions registry's HTTP surface on the kaito plugin, as the MCP actions backend calls it. */
const ACTIONS = '/api/kaito/.backstage/actions/v1/actions';

const PHI = {
  cluster: 'sim',
  namespace: 'default',
  name: 'phi-mcp',
  preset: 'phi-3-mini-4k-instruct',
  instanceType: 'Standard_NC24ads_A100_v4',
  owner: 'group:default/ml-team',
  entityRef: 'component:default/support-assistant',
  dryRun: true,
};

describe("the kaito actions in Backstage's actions registry", () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  const invoke = (action: string, input: object, user = 'user:default/mock') =>
    request(server).post(`${ACTIONS}/kaito:${action}/invoke`).set('Authorization', mockCredentials.user.header(user)).send(input);
  const auditOf = async (key: string) =>
    (await request(server).get('/api/kaito/audit').query({ workspace: key })).body.items as Array<{ actor: string; action: string; outcome: string }>;

  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 } } });
    const backend = await startKaitoApi(sim, {
      kaito: { quotas: { groups: [{ group: 'group:default/ml-team', maxGpus: 8, maxWorkspaces: 1 }] } },
    });
    server = backend.server;
  });
  afterAll(() => sim?.stop());

  it('lists the three actions with their JSON schemas and attributes', async () => {
    const res = await request(server).get(ACTIONS).set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const byId = Object.fromEntries((res.body.actions as Array<{ id: string }>).map(a => [a.id, a]));
    expect(Object.keys(byId).sort()).toEqual(['kaito:check-workspace-fit', 'kaito:create-workspace', 'kaito:list-workspaces']);
    expect(byId['kaito:list-workspaces']).toMatchObject({ attributes: { readOnly: true, destructive: false } });
    expect(byId['kaito:create-workspace']).toMatchObject({
      attributes: { readOnly: false, destructive: false },
      schema: { input: { required: expect.arrayContaining(['cluster', 'namespace', 'name', 'preset', 'owner', 'dryRun']) } },
    });
  });

  describe('check-workspace-fit', () => {
    it("answers as POST /fit does, with the owner's quota", async () => {
      const input = { cluster: 'sim', preset: 'phi-3-mini-4k-instruct', instanceType: 'Standard_NC24ads_A100_v4', owner: 'group:default/ml-team' };
      const [action, rest] = await Promise.all([invoke('check-workspace-fit', input), request(server).post('/api/kaito/fit').send(input)]);
      expect(action.status).toBe(200);
      expect(action.body.output).toEqual(rest.body);
      expect(action.body.output).toMatchObject({ fits: true, nodeCount: 1, quota: { group: 'group:default/ml-team', maxGpus: 8 } });
    });

    it.each<[string, object, RegExp]>([
      ['an unknown field', { cluster: 'sim', preset: 'phi-4', gpus: 2 }, /Invalid input to action "kaito:check-workspace-fit"/],
      ['an unknown cluster', { cluster: 'nowhere', preset: 'phi-4' }, /nowhere/],
      ['an unknown preset', { cluster: 'sim', preset: 'no-such-model' }, /Unknown preset 'no-such-model'/],
    ])('refuses %s with what is wrong', async (_, input, message) => {
      const res = await invoke('check-workspace-fit', input);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('create-workspace', () => {
    it('with dryRun shows the Workspace and creates nothing; the auditor hears of it, the activity table does not', async () => {
      const res = await invoke('create-workspace', PHI);
      expect(res.status).toBe(200);
      expect(res.body.output).toMatchObject({
        dryRun: true,
        workspace: { key: 'sim/default/phi-mcp', state: 'Pending', owner: 'group:default/ml-team', instanceType: 'Standard_NC24ads_A100_v4' },
        manifest: { kind: 'Workspace', metadata: { name: 'phi-mcp', namespace: 'default' } },
      });
      expect(sim.store.peek('workspaces.kaito.sh', 'default', 'phi-mcp')).toBeUndefined();
      expect(await auditOf('sim/default/phi-mcp')).toEqual([]);
    });

    it('refuses a request the REST schema refuses, though the action schema let it through', async () => {
      const res = await invoke('create-workspace', { ...PHI, name: 'Not_A_DNS_Label' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^The workspace request is invalid: name: /);
    });

    it('creates the workspace, records who did it, and list-workspaces shows it', async () => {
      const res = await invoke('create-workspace', { ...PHI, dryRun: false });
      expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
      expect(res.body.output).toMatchObject({ dryRun: false, workspace: { key: 'sim/default/phi-mcp' } });
      expect(sim.store.peek('workspaces.kaito.sh', 'default', 'phi-mcp')).toBeDefined();
      expect(await auditOf('sim/default/phi-mcp')).toEqual([expect.objectContaining({ actor: 'user:default/mock', action: 'create', outcome: 'success' })]);
      const listed = await eventually(async () => {
        const list = await invoke('list-workspaces', { owner: 'group:default/ml-team' });
        return list.body.output?.items?.length ? list.body.output : undefined;
      }, 'the workspace in the list');
      expect(listed).toMatchObject({ items: [{ key: 'sim/default/phi-mcp', preset: 'phi-3-mini-4k-instruct' }], errors: [] });
    });

    it("holds the owner group to its quota: a second workspace is refused and audited as denied", async () => {
      await eventually(async () => ((await request(server).get('/api/kaito/workspaces/sim/default/phi-mcp')).status === 200 ? true : undefined), 'cached');
      const res = await invoke('create-workspace', { ...PHI, name: 'phi-mcp-2', dryRun: false });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/maxWorkspaces|workspaces/i);
      expect(await auditOf('sim/default/phi-mcp-2')).toEqual([expect.objectContaining({ action: 'create', outcome: 'denied' })]);
    });
  });

  describe('list-workspaces', () => {
    it.each<[string, object, string[]]>([
      ['a state filter that matches', { state: ['Pending', 'Ready'] }, ['sim/default/phi-mcp']],
      ['another owner', { owner: 'group:default/team-b' }, []],
      ['a page past the end', { offset: 5, limit: 5 }, []],
    ])('with %s', async (_, input, keys) => {
      const res = await invoke('list-workspaces', input);
      expect(res.status).toBe(200);
      expect(res.body.output.items.map((i: { key: string }) => i.key)).toEqual(keys);
    });

    it('refuses a limit over the page bound', async () => {
      const res = await invoke('list-workspaces', { limit: 5000 });
      expect(res.status).toBe(400);
    });
  });

  it('runs every example input through its action schema', async () => {
    const res = await request(server).get(ACTIONS).set('Authorization', mockCredentials.user.header());
    const actions = res.body.actions as Array<{ id: string; examples: Array<{ input: object }> }>;
    for (const action of actions) {
      expect(action.examples.length).toBeGreaterThan(0);
      for (const example of action.examples) {
        // A schema refusal is a 400 naming the action's input; any other answer got past the schema.
        const answer = await invoke(action.id.replace('kaito:', ''), example.input);
        expect(answer.body.error?.message ?? '').not.toMatch(/^Invalid input to action/);
      }
    }
  });
});

describe('the kaito actions under a permission policy that denies', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 } } });
    const backend = await startKaitoApi(sim, { features: [mockServices.permissions.factory({ result: AuthorizeResult.DENY })] });
    server = backend.server;
    // Someone else's workspace, made past the portal.
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    await KubernetesObjectApi.makeApiClient(kc).create({ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'theirs', namespace: 'default' }, resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'theirs' } } }, inference: { preset: { name: 'phi-4' } } } as never);
  });
  afterAll(() => sim?.stop());
  const invoke = (action: string, input: object) =>
    request(server).post(`${ACTIONS}/kaito:${action}/invoke`).set('Authorization', mockCredentials.user.header()).send(input);

  it('refuses create-workspace, dry run or not, as POST /workspaces does', async () => {
    for (const dryRun of [true, false]) {
      const res = await invoke('create-workspace', { ...PHI, dryRun });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('You are not allowed to create workspaces (kaito.workspace.create); ask an operator for access');
    }
    expect(sim.store.peek('workspaces.kaito.sh', 'default', 'phi-mcp')).toBeUndefined();
  });

  it('lists no workspace the caller may not read', async () => {
    // The controller has seen it (its finalizer is on), so the list would hold it but for the policy.
    await eventually(
      async () => (sim.store.peek('workspaces.kaito.sh', 'default', 'theirs')?.metadata.finalizers?.length ? true : undefined),
      'the controller to take the workspace on',
    );
    const res = await invoke('list-workspaces', {});
    expect(res.status).toBe(200);
    expect(res.body.output.items).toEqual([]);
  });
});

describe("the kaito actions with the demo portal's backend.actions config", () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  const audited: Array<{ eventId: string; status?: string; actor?: { actorId?: string }; request?: { method?: string; url?: string } }> = [];

  /** The auditor as Backstage builds it (actor from the request's credentials), logging into `audited`. */
  const capturingAuditor = createServiceFactory({
    service: coreServices.auditor,
    deps: { auth: coreServices.auth, httpAuth: coreServices.httpAuth, plugin: coreServices.pluginMetadata },
    factory: ({ auth, httpAuth, plugin }) => DefaultAuditorService.create(async event => void audited.push(event as never), { auth, httpAuth, plugin }),
  });

  beforeAll(async () => {
    // The REAL root app-config.yaml's backend.actions (which plugins' actions the MCP actions backend offers).
    const rootConfig = parse(readFileSync(resolvePath(__dirname, '../../../../app-config.yaml'), 'utf8'));
    if (!rootConfig.backend?.actions) throw new Error('app-config.yaml has no backend.actions');
    sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 } } });
    server = (await startKaitoApi(sim, { config: { backend: { actions: rootConfig.backend.actions } }, features: [capturingAuditor] })).server;
  });
  afterAll(() => sim?.stop());

  it('lists kaito:create-workspace (backend.actions.pluginSources names kaito)', async () => {
    const res = await request(server).get(ACTIONS).set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect((res.body.actions as Array<{ id: string }>).map(a => a.id)).toContain('kaito:create-workspace');
  });

  it("audits create-workspace under the caller's identity, not the plugin's", async () => {
    const res = await request(server)
      .post(`${ACTIONS}/kaito:create-workspace/invoke`)
      .set('Authorization', mockCredentials.user.header('user:default/mock'))
      .send(PHI);
    expect(res.status).toBe(200);
    const events = audited.filter(e => e.eventId === 'workspace-create');
    expect(events.map(e => e.status)).toEqual(['initiated', 'succeeded']);
    for (const event of events) {
      expect(event.actor?.actorId).toBe('user:default/mock');
      expect(event.request).toEqual({ method: 'POST', url: '/api/kaito/.backstage/actions/v1/actions/kaito%3Acreate-workspace/invoke' });
    }
  });
});
