import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
// The test runs the real kaito backend next to the scaffolder; the module itself only speaks HTTP to it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import kaitoPlugin from '@kaito-backstage/plugin-kaito-backend';
import type { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';
import yaml from 'yaml';
import { fakeCatalogPlugin } from './__testUtils__/fakeCatalogPlugin';
import { scaffolderModuleKaito } from './module';

// The scaffolder, the kaito backend and a simulated cluster run for real: each
// template goes from POST /v2/tasks to a workspace in its final state.
jest.setTimeout(90_000);

const repoRoot = path.resolve(__dirname, '../../..');
const readTemplate = (name: string) =>
  yaml.parse(fs.readFileSync(path.join(repoRoot, 'templates', name, 'template.yaml'), 'utf8'));

const org = [
  { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'mock' }, spec: { memberOf: ['ml-team'] } },
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'ml-team' }, spec: { type: 'team', children: [] } },
  // The Kaito backend checks owners and served components against the catalog.
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'small-team' }, spec: { type: 'team', children: [] } },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'support-assistant' },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:default/ml-team' },
  },
];

interface TaskEvent {
  type: 'log' | 'completion' | string;
  body: { message: string; stepId?: string; status?: string; output?: Record<string, any>; error?: { message: string } };
}

interface FinishedTask {
  status: string;
  events: TaskEvent[];
  output?: Record<string, any>;
  logs: string[];
}

describe('the Deploy LLM and Fine-tune LLM templates on the simulator', () => {
  let sim: ClusterSimulator;
  let baseUrl: string;

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: {
        provisioner: { delayMs: 50, failures: { Standard_ND96isr_H100_v5: 'QuotaExceeded' } },
        kubelet: { imagePullMs: 0, modelLoadMs: 50, terminationMs: 0 },
        jobs: { durationMs: 200 },
      },
    });
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        kaitoPlugin,
        scaffolderModuleKaito,
        fakeCatalogPlugin([readTemplate('deploy-llm'), readTemplate('fine-tune-llm'), ...org]),
        mockServices.rootConfig.factory({
          data: {
            kaito: {
              clusters: [{ name: 'local', url: sim.url, serviceAccountToken: sim.token, skipTLSVerify: true }],
              controller: { leaderElection: { enabled: false } },
              // No DNS in the test sandbox: tuning URL hosts cannot be resolved.
              security: { unresolvableDataUrls: 'warn' },
              quotas: {
                groups: [
                  { group: 'group:default/small-team', maxGpus: 1 },
                  { group: 'group:default/ml-team', maxGpus: 16, maxWorkspaces: 10 },
                ],
              },
            },
          },
        }),
      ],
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    await eventually(async () => {
      const clusters = await (await fetch(`${baseUrl}/kaito/clusters`)).json();
      return clusters.items?.[0] && !clusters.items[0].error ? true : undefined;
    }, 'the cluster to connect');
  });

  afterAll(async () => {
    await sim?.stop();
  });

  async function runTemplate(templateRef: string, values: Record<string, unknown>): Promise<FinishedTask> {
    const created = await fetch(`${baseUrl}/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ templateRef, values }),
    });
    if (created.status !== 201) {
      throw new Error(`dispatch failed with ${created.status}: ${await created.text()}`);
    }
    const { id } = await created.json();
    const status = await eventually(async () => {
      const task = await (await fetch(`${baseUrl}/scaffolder/v2/tasks/${id}`)).json();
      return ['completed', 'failed', 'cancelled'].includes(task.status) ? (task.status as string) : undefined;
    }, `task ${id} to finish`);
    const events: TaskEvent[] = await (await fetch(`${baseUrl}/scaffolder/v2/tasks/${id}/events`)).json();
    const completion = events.find(e => e.type === 'completion');
    return {
      status,
      events,
      output: completion?.body.output,
      logs: events.filter(e => e.type === 'log').map(e => plainLogLine(e.body.message)),
    };
  }

  async function workspace(key: string): Promise<WorkspaceDetails> {
    return (await fetch(`${baseUrl}/kaito/workspaces/${key}`)).json();
  }

  describe('Deploy LLM', () => {
    it('creates the workspace, waits until it is Ready and links to its tab', async () => {
      const task = await runTemplate('template:default/deploy-llm', {
        preset: 'phi-3-mini-4k-instruct',
        name: 'it-phi',
        cluster: 'local',
        namespace: 'default',
        instanceType: 'Standard_NV36ads_A10_v5',
        owner: 'group:default/ml-team',
        component: 'component:default/support-assistant',
      });

      expect(task.status).toBe('completed');
      expect(task.output?.links).toEqual([
        { title: 'Open the workspace', icon: 'dashboard', url: '/catalog/default/resource/local-default-it-phi/kaito' },
        { title: 'Open the component', icon: 'catalog', entityRef: 'component:default/support-assistant' },
      ]);
      expect(task.output?.text[0].content).toContain('`http://it-phi.default.svc.cluster.local:80`');
      expect(task.logs).toEqual(
        expect.arrayContaining([
          expect.stringContaining('Created workspace local/default/it-phi: phi-3-mini-4k-instruct on 1 × Standard_NV36ads_A10_v5'),
          '[done] GPU node requested',
          '[done] Model loaded',
          'Workspace local/default/it-phi is now Ready',
        ]),
      );
      // The link to follow provisioning is in the log before the model is up.
      const follow = task.logs.indexOf('Follow local/default/it-phi while it provisions: /kaito/local/default/it-phi');
      expect(follow).toBeGreaterThanOrEqual(0);
      expect(follow).toBeLessThan(task.logs.indexOf('[done] Model loaded'));
      const details = await workspace('local/default/it-phi');
      expect(details).toMatchObject({
        state: 'Ready',
        owner: 'group:default/ml-team',
        entityRef: 'component:default/support-assistant',
        requestedBy: 'user:default/mock',
      });
    });

    it('deploys a gated Llama with its model-access Secret, and refuses one naming a Secret the namespace lacks', async () => {
      sim.api.create(
        sim.api.scope('', 'v1', 'secrets', 'default'),
        { metadata: { name: 'hf-token', namespace: 'default' }, type: 'Opaque', stringData: { HF_TOKEN: 'hf_test' } },
        { fieldManager: 'kubectl' },
      );
      const gated = {
        preset: 'llama-3.1-8b-instruct',
        cluster: 'local',
        namespace: 'default',
        instanceType: 'Standard_NC24ads_A100_v4',
        owner: 'group:default/ml-team',
      };

      const missing = await runTemplate('template:default/deploy-llm', { ...gated, name: 'it-llama-nokey', modelAccessSecret: 'hf-tokn' });
      expect(missing.status).toBe('failed');
      expect(missing.events.find(e => e.type === 'completion')?.body.error?.message).toContain(
        'Secret hf-tokn does not exist in namespace default; create it with kubectl create secret generic hf-tokn',
      );
      expect((await fetch(`${baseUrl}/kaito/workspaces/local/default/it-llama-nokey`)).status).toBe(404);

      const task = await runTemplate('template:default/deploy-llm', { ...gated, name: 'it-llama', modelAccessSecret: 'hf-token' });
      expect(task.status).toBe('completed');
      const statefulSet = sim.store.peek('statefulsets.apps', 'default', 'it-llama');
      expect(statefulSet?.spec.template.spec.containers[0].env).toEqual(
        expect.arrayContaining([{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-token', key: 'HF_TOKEN', optional: true } } }]),
      );
      await fetch(`${baseUrl}/kaito/workspaces/local/default/it-llama`, { method: 'DELETE' });
    });

    it('deploys 2 replicas with autoscaling up to 3 as a Kaito InferenceSet and waits for every replica', async () => {
      const task = await runTemplate('template:default/deploy-llm', {
        preset: 'phi-3-mini-4k-instruct',
        name: 'it-phi-set',
        cluster: 'local',
        namespace: 'default',
        instanceType: 'Standard_NV36ads_A10_v5',
        owner: 'group:default/ml-team',
        component: 'component:default/support-assistant',
        replicas: 2,
        autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 3, metric: 'vllm:num_requests_waiting', threshold: 5 },
      });
      expect(task.status).toBe('completed');
      expect(task.logs).toEqual(
        expect.arrayContaining([
          'Created inference set local/default/it-phi-set: 2 replicas of 1 GPU, autoscaling 1..3 on vllm:num_requests_waiting (up to 3 GPUs)',
          'Inference set local/default/it-phi-set: 2/2 replicas ready',
        ]),
      );
      expect(task.output?.links[0]).toEqual({ title: 'Open the workspace', icon: 'dashboard', url: '/catalog/default/component/support-assistant/kaito' });
      const set = sim.store.peek('inferencesets.kaito.sh', 'default', 'it-phi-set')!;
      expect(set.spec.replicas).toBe(2);
      expect(set.metadata.annotations).toMatchObject({ 'scaledobject.kaito.sh/max-replicas': '3', 'scaledobject.kaito.sh/threshold': '5' });
      const replicas = sim.store.peekAll('workspaces.kaito.sh', 'default').filter(w => w.metadata.labels?.['inferenceset.kaito.sh/created-by'] === 'it-phi-set');
      expect(replicas.map(w => w.status?.state)).toEqual(['Ready', 'Ready']);
      expect(replicas.map(w => w.metadata.annotations?.['backstage.kaito.sh/entity-ref'])).toEqual(['component:default/support-assistant', 'component:default/support-assistant']);
      await fetch(`${baseUrl}/kaito/inferencesets/local/default/it-phi-set`, { method: 'DELETE' });
    });

    it('fails with the quota message when the owner is over quota, creating nothing', async () => {
      const task = await runTemplate('template:default/deploy-llm', {
        preset: 'phi-3-mini-4k-instruct',
        name: 'it-too-big',
        cluster: 'local',
        namespace: 'default',
        instanceType: 'Standard_NV72ads_A10_v5',
        owner: 'group:default/small-team',
      });

      expect(task.status).toBe('failed');
      expect(task.output).toBeUndefined();
      expect(task.events.find(e => e.type === 'completion')?.body.error?.message).toMatch(
        /^Creating workspace local\/default\/it-too-big: Quota exceeded for group:default\/small-team: maxGpus is 1, 0 are in use and this workspace needs 2/,
      );
      expect((await fetch(`${baseUrl}/kaito/workspaces/local/default/it-too-big`)).status).toBe(404);
    });

    it('fails as the API does when the owner group is not in the catalog: the action calls on behalf of the user', async () => {
      const task = await runTemplate('template:default/deploy-llm', {
        preset: 'phi-3-mini-4k-instruct',
        name: 'it-ghost',
        cluster: 'local',
        namespace: 'default',
        instanceType: 'Standard_NV36ads_A10_v5',
        owner: 'group:default/nonexistent-team',
      });

      expect(task.status).toBe('failed');
      expect(task.events.find(e => e.type === 'completion')?.body.error?.message).toBe(
        'Creating workspace local/default/it-ghost: owner: group group:default/nonexistent-team does not exist in the catalog; choose one of your groups',
      );
      expect((await fetch(`${baseUrl}/kaito/workspaces/local/default/it-ghost`)).status).toBe(404);
    });

    it('fails with the cloud\'s reason and a hint when the GPU nodes cannot be launched', async () => {
      const task = await runTemplate('template:default/deploy-llm', {
        preset: 'phi-3-mini-4k-instruct',
        name: 'it-h100',
        cluster: 'local',
        namespace: 'default',
        instanceType: 'Standard_ND96isr_H100_v5',
        owner: 'group:default/ml-team',
      });

      expect(task.status).toBe('failed');
      const error = task.events.find(e => e.type === 'completion')?.body.error?.message;
      expect(error).toMatch(/^Workspace local\/default\/it-h100 failed: step "GPU node requested" failed \(.*quota.*\)\. Hint: /i);
    });
  });

  describe('Fine-tune LLM', () => {
    it('runs the tuning job to Succeeded and offers to deploy the adapter', async () => {
      const task = await runTemplate('template:default/fine-tune-llm', {
        preset: 'phi-3-mini-4k-instruct',
        name: 'it-tune',
        method: 'qlora',
        inputUrls: ['https://example.com/datasets/support.parquet'],
        outputImage: 'registry.local/adapters/it-tune:0.1.0',
        outputImagePushSecret: 'registry-push-secret',
        cluster: 'local',
        namespace: 'default',
        instanceType: 'Standard_NC24ads_A100_v4',
        owner: 'group:default/ml-team',
      });

      expect(task.status).toBe('completed');
      expect(task.logs).toEqual(expect.arrayContaining(['[done] Adapter pushed', 'Workspace local/default/it-tune is now Succeeded']));
      const [tab, deploy] = task.output?.links;
      expect(tab.url).toBe('/catalog/default/resource/local-default-it-tune/kaito');
      const deployUrl = new URL(deploy.url, 'http://portal');
      expect(deployUrl.pathname).toBe('/create/templates/default/deploy-llm');
      expect(JSON.parse(deployUrl.searchParams.get('formData')!)).toEqual({
        preset: 'phi-3-mini-4k-instruct',
        name: 'it-tune-serve',
        adapterImage: 'registry.local/adapters/it-tune:0.1.0',
        adapterName: 'it-tune',
        cluster: 'local',
        namespace: 'default',
        owner: 'group:default/ml-team',
      });
      expect((await workspace('local/default/it-tune')).state).toBe('Succeeded');
    });
  });
});

/** The scaffolder's task log colours the level and puts it in front. */
function plainLogLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  return message.replace(/\u001b\[[0-9;]*m/g, '').replace(/^(info|warn|error): /, '');
}

async function eventually<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
