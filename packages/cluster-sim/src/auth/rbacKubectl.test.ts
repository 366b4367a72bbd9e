import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { ClusterSimulator, startClusterSimulator } from '../ClusterSimulator';
import { renderKubeconfig } from '../kubeconfig';

const KUBECTL = '/usr/bin/kubectl';
const RBAC_YAML = resolve(__dirname, '../../../../plugins/kaito-backend/manifests/rbac.yaml');
const SA = 'system:serviceaccount:kaito-backstage:kaito-backstage-controller';
const run = promisify(execFile);
const describeWithKubectl = existsSync(KUBECTL) ? describe : describe.skip;

describeWithKubectl('kubectl 1.32 with a service account token', () => {
  let sim: ClusterSimulator;
  let dir: string;

  // execFile, never execFileSync: the simulator answers kubectl from this very process.
  const kubectl = async (kubeconfig: string, ...args: string[]) => {
    try {
      const { stdout } = await run(KUBECTL, ['--kubeconfig', join(dir, kubeconfig), ...args], {
        env: { PATH: process.env.PATH ?? '', HOME: dir },
        timeout: 30_000,
      });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  const mustSucceed = async (result: Promise<{ code: number; stdout: string; stderr: string }>) => {
    const { code, stdout, stderr } = await result;
    if (code !== 0 || stderr) throw new Error(`kubectl failed (${code}): ${stderr}`);
    return stdout;
  };

  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } } });
    dir = await fs.mkdtemp(join(tmpdir(), 'cluster-sim-rbac-kubectl-'));
    await sim.writeKubeconfig(join(dir, 'admin'));
    await mustSucceed(kubectl('admin', 'create', 'namespace', 'kaito-backstage'));
    await mustSucceed(kubectl('admin', 'apply', '-f', RBAC_YAML));
    const token = await mustSucceed(kubectl('admin', 'create', 'token', 'kaito-backstage-controller', '-n', 'kaito-backstage'));
    await fs.writeFile(join(dir, 'controller'), renderKubeconfig(sim.url, token.trim(), { caData: sim.caData }));
  }, 60_000);
  afterAll(async () => {
    await sim?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('applies every object of rbac.yaml', async () => {
    const { stdout } = await kubectl('admin', 'get', 'clusterrole,clusterrolebinding', '-o', 'name', '-l', 'app.kubernetes.io/part-of=kaito-backstage');
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual([
      'clusterrole.rbac.authorization.k8s.io/kaito-backstage-controller',
      'clusterrolebinding.rbac.authorization.k8s.io/kaito-backstage-controller',
    ]);
  });

  it('shows who the token is with kubectl auth whoami', async () => {
    const result = await kubectl('controller', 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}');
    expect(result).toEqual({ code: 0, stdout: SA, stderr: '' });
  });

  it.each([
    ['create workspaces.kaito.sh -n default', 'yes'],
    ['delete nodes', 'no'],
    ['patch nodes', 'yes'],
    // The shipped role reads one named Secret (the model-access check), never lists them.
    ['get secrets -n default', 'yes'],
    ['list secrets -n default', 'no'],
    ['list pods -n kaito-backstage', 'yes'],
    ['get customresourcedefinitions/workspaces.kaito.sh', 'yes'],
    ['get customresourcedefinitions/widgets.example.test', 'no'],
  ])('answers kubectl auth can-i %s with %s', async (question, answer) => {
    const result = await kubectl('controller', 'auth', 'can-i', ...question.split(' '));
    // kubectl warns that a cluster-scoped resource ignores the kubeconfig's namespace: only errors count.
    expect({ answer: result.stdout.trim(), errors: result.stderr.split('\n').filter(l => l && !l.startsWith('Warning:')) }).toEqual({ answer, errors: [] });
  });

  it.each([
    ['list events -n default', 'yes'],
    ['list secrets -n default', 'no'],
  ])('answers the admin asking kubectl auth can-i %s --as the ServiceAccount with %s', async (question, answer) => {
    const result = await kubectl('admin', 'auth', 'can-i', ...question.split(' '), `--as=${SA}`);
    expect(result.stdout.trim()).toBe(answer);
  });

  it('refuses --as to the ServiceAccount itself, which may not impersonate', async () => {
    const { code, stderr } = await kubectl('controller', 'get', 'pods', '-n', 'default', '--as=kubernetes-admin');
    expect(code).not.toBe(0);
    expect(stderr).toContain(`users "kubernetes-admin" is forbidden: User "${SA}" cannot impersonate resource "users" in API group "" at the cluster scope`);
  });

  it('lists the rules of a namespace with kubectl auth can-i --list', async () => {
    const { code, stdout } = await kubectl('controller', 'auth', 'can-i', '--list', '-n', 'kaito-backstage');
    expect(code).toBe(0);
    const docs = parseAllDocuments(await fs.readFile(RBAC_YAML, 'utf8')).map(d => d.toJS());
    const leaseRule = docs.find(d => d?.kind === 'Role').rules.find((r: { resources: string[] }) => r.resources.includes('leases'));
    const rows = stdout.split('\n').map(line => line.trim().split(/\s{2,}/));
    expect(rows).toContainEqual(['leases.coordination.k8s.io', '[]', '[]', `[${leaseRule.verbs.join(' ')}]`]);
    expect(rows).toContainEqual(['selfsubjectrulesreviews.authorization.k8s.io', '[]', '[]', '[create]']);
  });

  it('prints the server refusal as a real server words it', async () => {
    const { code, stderr } = await kubectl('controller', 'get', 'secrets', '-n', 'default');
    expect(code).not.toBe(0);
    expect(stderr.trim()).toBe(
      `Error from server (Forbidden): secrets is forbidden: User "${SA}" cannot list resource "secrets" in API group "" in the namespace "default"`,
    );
  });
});
