import { AppsV1Api, BatchV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { ClusterSimulator, startClusterSimulator } from './ClusterSimulator';
import { waitFor } from './conformance/__testUtils__/testCluster';
import { requestWithKubeConfig } from './__testUtils__/requestWithKubeConfig';

const INSTANCE = 'Standard_NC24ads_A100_v4';

function nodeClaim(name: string, instanceType = INSTANCE) {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodeClaim',
    metadata: { name, labels: { 'karpenter.sh/nodepool': 'kaito', 'kaito.sh/workspace': 'ws', 'kaito.sh/workspacenamespace': 'default' } },
    spec: {
      nodeClassRef: { group: 'kaito.sh', kind: 'KaitoNodeClass', name: 'default' },
      taints: [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }],
      requirements: [
        { key: 'node.kubernetes.io/instance-type', operator: 'In', values: [instanceType] },
        { key: 'karpenter.sh/nodepool', operator: 'In', values: ['kaito'] },
      ],
      resources: { requests: { storage: '1024Gi' } },
    },
  };
}

function inferenceStatefulSet(name: string, image = 'mcr.microsoft.com/aks/kaito/kaito-base:0.5.0') {
  const labels = { 'kaito.sh/workspace': name };
  return {
    metadata: { name, labels },
    spec: {
      replicas: 1,
      podManagementPolicy: 'Parallel',
      serviceName: `${name}-headless`,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name,
              image,
              command: ['/bin/sh', '-c', 'python3 /workspace/vllm/inference_api.py --served-model-name=phi-4-mini-instruct --model=microsoft/Phi-4-mini-instruct'],
              ports: [{ name: 'http', containerPort: 5000 }],
              resources: { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } },
            },
          ],
          tolerations: [
            { key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
            { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
          ],
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: [INSTANCE] }] }],
              },
            },
          },
        },
      },
    },
  };
}

jest.setTimeout(30_000);

describe('simulated cluster behaviour', () => {
  let sim: ClusterSimulator;
  let kc: KubeConfig;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let custom: CustomObjectsApi;

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: {
        provisioner: { delayMs: 0, failures: { Standard_NC96ads_A100_v4: 'QuotaExceeded' } },
        kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0, failures: { 'broken-image': 'ImagePullBackOff', crashy: 'CrashLoopBackOff', hungry: 'OOMKilled' } },
        jobs: { durationMs: 0, fail: ['tune-bad'] },
        modelServer: { tokenDelayMs: 0 },
      },
    });
    kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    custom = kc.makeApiClient(CustomObjectsApi);
  });
  afterAll(() => sim.stop());

  // Raw HTTPS with the kubeconfig's token and CA, as the Kaito backend's chat proxy sends it.
  const proxyRequest = async (path: string, body?: unknown) => {
    const response = await requestWithKubeConfig(kc, body === undefined ? 'GET' : 'POST', path, body);
    expect(response.status).toBe(200);
    return response.text;
  };

  describe('when a NodeClaim is created', () => {
    it('launches a Ready GPU node with the SKU labels and marks the claim Ready', async () => {
      await custom.createClusterCustomObject({ group: 'karpenter.sh', version: 'v1', plural: 'nodeclaims', body: nodeClaim('wsabc12345') });
      let claim: any;
      await waitFor(async () => {
        claim = await custom.getClusterCustomObject({ group: 'karpenter.sh', version: 'v1', plural: 'nodeclaims', name: 'wsabc12345' });
        return claim.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
      });
      expect(claim.status.conditions.map((c: any) => c.type)).toEqual(expect.arrayContaining(['Launched', 'Registered', 'Initialized', 'Ready']));
      const node = await core.readNode({ name: claim.status.nodeName });
      expect(node.metadata?.labels).toMatchObject({
        'node.kubernetes.io/instance-type': INSTANCE,
        'kubernetes.io/os': 'linux',
        accelerator: 'nvidia',
        'nvidia.com/gpu.count': '1',
        'nvidia.com/gpu.memory': '81920',
        'kaito.sh/workspace': 'ws',
      });
      expect(node.status?.capacity?.['nvidia.com/gpu']).toBe('1');
      expect(node.spec?.taints).toEqual([{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }]);
    });
  });

  describe('when the instance type has no quota', () => {
    it('leaves the claim Launched=False with a quota message', async () => {
      await custom.createClusterCustomObject({ group: 'karpenter.sh', version: 'v1', plural: 'nodeclaims', body: nodeClaim('wsquota0001', 'Standard_NC96ads_A100_v4') });
      let launched: any;
      await waitFor(async () => {
        const claim: any = await custom.getClusterCustomObject({ group: 'karpenter.sh', version: 'v1', plural: 'nodeclaims', name: 'wsquota0001' });
        launched = claim.status?.conditions?.find((c: any) => c.type === 'Launched');
        return launched?.status === 'False';
      });
      expect(launched.reason).toBe('LaunchFailed');
      expect(launched.message).toMatch(/quota/);
    });
  });

  describe('when an inference StatefulSet fits a GPU node', () => {
    it('runs a Ready pod whose model server answers through the Service proxy', async () => {
      await apps.createNamespacedStatefulSet({ namespace: 'default', body: inferenceStatefulSet('phi') });
      await core.createNamespacedService({
        namespace: 'default',
        body: { metadata: { name: 'phi' }, spec: { selector: { 'kaito.sh/workspace': 'phi' }, ports: [{ name: 'http', port: 80, targetPort: 5000 }] } },
      });
      await waitFor(async () => (await apps.readNamespacedStatefulSet({ namespace: 'default', name: 'phi' })).status?.readyReplicas === 1);
      const pod = await core.readNamespacedPod({ namespace: 'default', name: 'phi-0' });
      expect(pod.metadata?.labels).toMatchObject({ 'apps.kubernetes.io/pod-index': '0', 'statefulset.kubernetes.io/pod-name': 'phi-0' });
      expect(pod.status?.conditions?.map(c => `${c.type}=${c.status}`)).toEqual(
        expect.arrayContaining(['PodScheduled=True', 'Initialized=True', 'ContainersReady=True', 'Ready=True']),
      );
      const models = JSON.parse(await proxyRequest('/api/v1/namespaces/default/services/phi:80/proxy/v1/models'));
      expect(models.data[0].id).toBe('phi-4-mini-instruct');
      const completion = JSON.parse(
        await proxyRequest('/api/v1/namespaces/default/services/phi:80/proxy/v1/chat/completions', {
          model: 'phi-4-mini-instruct',
          messages: [{ role: 'user', content: 'What is kubernetes?' }],
        }),
      );
      expect(completion.choices[0].message.content).toMatch(/simulated/);
      expect(completion.usage.completion_tokens).toBeGreaterThan(0);
      const stream = await proxyRequest('/api/v1/namespaces/default/services/phi:80/proxy/v1/chat/completions', {
        model: 'phi-4-mini-instruct',
        stream: true,
        max_tokens: 3,
        messages: [{ role: 'user', content: 'hi' }],
      });
      const events = stream.split('\n\n').filter(Boolean);
      expect(events[events.length - 1]).toBe('data: [DONE]');
      expect(events.filter(e => e.includes('"content":"')).length).toBe(4);
    });
  });

  describe('when no node fits a pod', () => {
    it('keeps it Pending with PodScheduled=False/Unschedulable and a FailedScheduling event', async () => {
      await core.createNamespacedPod({
        namespace: 'default',
        body: { metadata: { name: 'greedy' }, spec: { containers: [{ name: 'c', image: 'busybox:1', resources: { limits: { 'nvidia.com/gpu': '8' } } }] } },
      });
      let condition: any;
      await waitFor(async () => {
        const pod = await core.readNamespacedPod({ namespace: 'default', name: 'greedy' });
        condition = pod.status?.conditions?.find(c => c.type === 'PodScheduled');
        return condition?.status === 'False';
      });
      expect(condition.reason).toBe('Unschedulable');
      await waitFor(async () => {
        const events = await core.listNamespacedEvent({ namespace: 'default', fieldSelector: 'involvedObject.name=greedy,reason=FailedScheduling' });
        return events.items.length === 1;
      });
    });
  });

  describe.each([
    ['broken-image', 'ImagePullBackOff', undefined],
    ['crashy', 'CrashLoopBackOff', 'Error'],
    ['hungry', 'CrashLoopBackOff', 'OOMKilled'],
  ])('when the image is %s', (image, waitingReason, terminatedReason) => {
    it(`reports ${waitingReason}${terminatedReason ? ` after ${terminatedReason}` : ''}`, async () => {
      const name = `fail-${image}`;
      await core.createNamespacedPod({ namespace: 'default', body: { metadata: { name }, spec: { containers: [{ name: 'c', image: `${image}:1` }] } } });
      let status: any;
      await waitFor(async () => {
        status = (await core.readNamespacedPod({ namespace: 'default', name })).status?.containerStatuses?.[0];
        return status?.state?.waiting?.reason === waitingReason;
      });
      expect(status.lastState?.terminated?.reason).toBe(terminatedReason);
      expect(status.restartCount).toBe(terminatedReason ? 1 : 0);
    });
  });

  describe.each([
    ['tune-ok', 'Complete', 'succeeded'],
    ['tune-bad', 'Failed', 'failed'],
  ])('when the Job of workspace %s runs', (workspace, conditionType, counter) => {
    it(`ends with condition ${conditionType}`, async () => {
      const batch = kc.makeApiClient(BatchV1Api);
      await batch.createNamespacedJob({
        namespace: 'default',
        body: {
          metadata: { name: workspace },
          spec: {
            backoffLimit: 0,
            template: { metadata: { labels: { 'kaito.sh/workspace': workspace } }, spec: { restartPolicy: 'Never', containers: [{ name: 'tune', image: 'busybox:1' }] } },
          },
        },
      });
      let job: any;
      await waitFor(async () => {
        job = await batch.readNamespacedJob({ namespace: 'default', name: workspace });
        return job.status?.conditions?.some((c: any) => c.type === conditionType && c.status === 'True');
      });
      expect(job.status[counter]).toBe(1);
      expect(job.status.startTime).toBeDefined();
    });
  });

  describe('when a Deployment is created', () => {
    it('creates a ReplicaSet whose pods become ready and reports availability', async () => {
      const labels = { app: 'web' };
      await apps.createNamespacedDeployment({
        namespace: 'default',
        body: { metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1' }] } } } },
      });
      await waitFor(async () => (await apps.readNamespacedDeployment({ namespace: 'default', name: 'web' })).status?.availableReplicas === 2);
      const sets = await apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=web' });
      expect(sets.items).toHaveLength(1);
    });
  });

  describe('when a NodeClaim is deleted', () => {
    it('removes its node', async () => {
      const claim: any = await custom.getClusterCustomObject({ group: 'karpenter.sh', version: 'v1', plural: 'nodeclaims', name: 'wsabc12345' });
      await custom.deleteClusterCustomObject({ group: 'karpenter.sh', version: 'v1', plural: 'nodeclaims', name: 'wsabc12345' });
      await waitFor(async () => (await core.listNode()).items.every(n => n.metadata?.name !== claim.status.nodeName));
      expect((await core.listNode()).items.map(n => n.metadata?.name)).not.toContain(claim.status.nodeName);
    });
  });
});
