import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { ClusterSimulator, startClusterSimulator } from './ClusterSimulator';

const KUBECTL = '/usr/bin/kubectl';
const run = promisify(execFile);
const describeWithKubectl = existsSync(KUBECTL) ? describe : describe.skip;
if (!existsSync(KUBECTL)) {
  // eslint-disable-next-line no-console
  console.warn(`${KUBECTL} is not installed: the kubectl tests are skipped`);
}

/** Splits kubectl's table output into rows of cells (columns are separated by 3+ spaces, blanks kept by position). */
function tableRows(output: string): Array<Record<string, string>> {
  const [header, ...lines] = output.trimEnd().split('\n');
  const starts = [...header.matchAll(/\S+/g)].map(m => ({ name: m[0], at: m.index! }));
  return lines.map(line =>
    Object.fromEntries(starts.map((col, i) => [col.name, line.slice(col.at, starts[i + 1]?.at ?? line.length).trim()])),
  );
}

describeWithKubectl('kubectl 1.32 against the simulator', () => {
  let sim: ClusterSimulator;
  let dir: string;
  let kubeconfigPath: string;

  // execFile, never execFileSync: the simulator answers kubectl from this very process.
  const kubectl = async (...args: string[]) => {
    const { stdout } = await run(KUBECTL, ['--kubeconfig', kubeconfigPath, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      timeout: 30_000,
    });
    return stdout;
  };

  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } } });
    dir = await fs.mkdtemp(join(tmpdir(), 'cluster-sim-kubectl-'));
    kubeconfigPath = join(dir, 'kubeconfig');
    await sim.writeKubeconfig(kubeconfigPath);

    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    const custom = kc.makeApiClient(CustomObjectsApi);
    const target = { group: 'kaito.sh', version: 'v1beta1', namespace: 'default', plural: 'workspaces' };
    await custom.createNamespacedCustomObject({
      ...target,
      body: {
        apiVersion: 'kaito.sh/v1beta1',
        kind: 'Workspace',
        metadata: { name: 'workspace-phi-4-mini' },
        resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'phi-4-mini' } } },
        inference: { preset: { name: 'phi-4-mini-instruct' } },
      },
    });
    const condition = (type: string, status: string) => ({ type, status, reason: 'Simulated', message: '', lastTransitionTime: new Date().toISOString() });
    await custom.patchNamespacedCustomObjectStatus(
      {
        ...target,
        name: 'workspace-phi-4-mini',
        body: {
          status: {
            targetNodeCount: 1,
            state: 'Ready',
            conditions: [condition('ResourceReady', 'True'), condition('InferenceReady', 'False'), condition('WorkspaceSucceeded', 'Unknown')],
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  });

  afterAll(async () => {
    await sim.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("applies Kaito's ValidatingWebhookConfiguration and prints it with its webhook count", async () => {
    const file = join(dir, 'webhook.yaml');
    await fs.writeFile(
      file,
      [
        'apiVersion: admissionregistration.k8s.io/v1',
        'kind: ValidatingWebhookConfiguration',
        'metadata: { name: validation.workspace.kaito.sh }',
        'webhooks:',
        '  - name: validation.workspace.kaito.sh',
        '    admissionReviewVersions: [v1]',
        '    clientConfig: { service: { name: kaito-workspace-svc, namespace: kaito-workspace, port: 9443 } }',
        '    failurePolicy: Fail',
        '    sideEffects: None',
        '    rules: [{ apiGroups: [kaito.sh], apiVersions: [v1alpha1, v1beta1], resources: [workspaces], operations: [CREATE, UPDATE] }]',
        '',
      ].join('\n'),
    );
    expect(await kubectl('apply', '--server-side', '-f', file)).toContain('validatingwebhookconfiguration.admissionregistration.k8s.io/validation.workspace.kaito.sh serverside-applied');
    const [row] = tableRows(await kubectl('get', 'validatingwebhookconfigurations'));
    expect(row).toMatchObject({ NAME: 'validation.workspace.kaito.sh', WEBHOOKS: '1' });
  });

  it("prints workspaces with Kaito's printer columns", async () => {
    const output = await kubectl('get', 'workspaces');
    const header = output.split('\n')[0].trim().split(/\s+/);
    expect(header).toEqual(['NAME', 'INSTANCE', 'RESOURCEREADY', 'INFERENCEREADY', 'JOBSTARTED', 'WORKSPACESUCCEEDED', 'TARGETNODECOUNT', 'STATE', 'AGE']);
    expect(tableRows(output)).toEqual([
      {
        NAME: 'workspace-phi-4-mini',
        INSTANCE: 'Standard_NC24ads_A100_v4',
        RESOURCEREADY: 'True',
        INFERENCEREADY: 'False',
        JOBSTARTED: '',
        WORKSPACESUCCEEDED: 'Unknown',
        TARGETNODECOUNT: '1',
        STATE: 'Ready',
        AGE: expect.stringMatching(/^\d+s$/),
      },
    ]);
  });

  it('prints the system node as Ready with the server version', async () => {
    const rows = tableRows(await kubectl('get', 'nodes'));
    expect(rows).toEqual([{ NAME: 'aks-system-00000000-vmss000000', STATUS: 'Ready', ROLES: '<none>', AGE: expect.any(String), VERSION: 'v1.32.13' }]);
  });

  it('prints one workspace as YAML in the stored version', async () => {
    const workspace = parse(await kubectl('get', 'workspace', 'workspace-phi-4-mini', '-o', 'yaml'));
    expect(workspace).toMatchObject({
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'workspace-phi-4-mini', namespace: 'default', generation: 1 },
      resource: { instanceType: 'Standard_NC24ads_A100_v4' },
      inference: { preset: { name: 'phi-4-mini-instruct' } },
      status: { state: 'Ready', targetNodeCount: 1 },
    });
  });

  it('reports the server version', async () => {
    const version = JSON.parse(await kubectl('version', '-o', 'json'));
    expect(version.serverVersion.gitVersion).toBe('v1.32.13-kaito-sim');
  });

  it('fails with a certificate error when the kubeconfig trusts no CA', async () => {
    const config = parse(await fs.readFile(kubeconfigPath, 'utf8'));
    delete config.clusters[0].cluster['certificate-authority-data'];
    const untrusting = join(dir, 'untrusting');
    await fs.writeFile(untrusting, JSON.stringify(config));
    await expect(run(KUBECTL, ['--kubeconfig', untrusting, 'get', 'nodes'], { env: { PATH: process.env.PATH ?? '', HOME: dir } })).rejects.toMatchObject({
      stderr: expect.stringMatching(/certificate signed by unknown authority/),
    });
  });
});
