import { ApiextensionsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { startClusterSimulator } from '../../ClusterSimulator';
import { widgetCrd } from '../../crds/widgetCrd';

/**
 * A cluster for conformance tests: a real one when `KAITO_CONFORMANCE_KUBECONFIG` names a
 * kubeconfig, else a fresh simulator. Tests talk to it only through @kubernetes/client-node.
 */
export interface TestCluster {
  kc: KubeConfig;
  /** A fresh namespace for the test file. */
  namespace: string;
  isSimulator: boolean;
  /** Ends everything the helper started. */
  close(): Promise<void>;
}

/** Connects, creates a namespace and makes sure the widgets test CRD is installed. */
export async function connectTestCluster(): Promise<TestCluster> {
  const kc = new KubeConfig();
  const real = process.env.KAITO_CONFORMANCE_KUBECONFIG;
  let stopSimulator: (() => Promise<void>) | undefined;
  if (real) {
    kc.loadFromFile(real);
  } else {
    const sim = await startClusterSimulator({
      installCrds: false,
      behaviour: { provisioner: { enabled: false }, scheduler: { enabled: false }, kubelet: { enabled: false } },
      watch: { bookmarkIntervalMs: 200 },
    });
    kc.loadFromString(sim.kubeconfigYaml());
    stopSimulator = () => sim.stop();
  }
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  try {
    // Sent raw: the typed CRD model would drop schema keywords such as `default`.
    await kc.makeApiClient(CustomObjectsApi).createClusterCustomObject({
      group: 'apiextensions.k8s.io',
      version: 'v1',
      plural: 'customresourcedefinitions',
      body: widgetCrd,
    });
    await waitFor(async () => {
      const crd = await ext.readCustomResourceDefinition({ name: 'widgets.example.test' });
      return crd.status?.conditions?.some(c => c.type === 'Established' && c.status === 'True') ?? false;
    });
  } catch (error: any) {
    if (error?.code !== 409) throw error;
  }
  const namespace = `conf-${randomBytes(4).toString('hex')}`;
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  return {
    kc,
    namespace,
    isSimulator: !real,
    close: async () => {
      await core.deleteNamespace({ name: namespace }).catch(() => undefined);
      await stopSimulator?.();
    },
  };
}

/** Polls a condition until it holds (generous timeout; never a timed assertion). */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

/** The HTTP status of a failed client-node call. */
export async function statusOf(promise: Promise<unknown>): Promise<{ code: number; body: any }> {
  try {
    await promise;
  } catch (error: any) {
    const body = typeof error?.body === 'string' ? safeJson(error.body) : error?.body;
    return { code: error?.code ?? error?.statusCode, body };
  }
  throw new Error('expected the call to fail');
}

function safeJson(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
