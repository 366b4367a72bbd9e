import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nodeClaimCrd, nodePoolCrd, workspaceCrd } from '@kaito-backstage/plugin-kaito-common';
import { parse, parseAllDocuments } from 'yaml';

/**
 * The first steps of Kaito's quick starts, as a new user takes them with kubectl 1.32 against the
 * standalone simulator (`bin/cluster-sim`, i.e. src/cli.ts): no flags but --kubeconfig.
 */
const KUBECTL = '/usr/bin/kubectl';
const CLI = join(__dirname, '..', 'bin', 'cluster-sim');
const FIXTURES = join(__dirname, '__fixtures__');
const run = promisify(execFile);
const describeWithKubectl = existsSync(KUBECTL) ? describe : describe.skip;
if (!existsSync(KUBECTL)) {
  // eslint-disable-next-line no-console
  console.warn(`${KUBECTL} is not installed: the kubectl quick-start tests are skipped`);
}

/** Every fenced block of the quick-start READMEs that is YAML of Kubernetes objects, once each. */
function quickStartManifests(): Array<{ file: string; objects: any[] }> {
  const blocks = new Map<string, { file: string; objects: any[] }>();
  const dir = join(FIXTURES, 'kaito-quick-starts');
  for (const file of readdirSync(dir).sort()) {
    for (const [, block] of readFileSync(join(dir, file), 'utf8').matchAll(/```[\w-]*\n([\s\S]*?)```/g)) {
      const docs = parseAllDocuments(block);
      // Blocks that mix shell prompts with YAML (`$ cat …`) are not manifests.
      if (docs.some(doc => doc.errors.length)) continue;
      const objects = docs.map(doc => doc.toJS()).filter(o => o && typeof o === 'object' && o.apiVersion && o.kind);
      if (objects.length) blocks.set(JSON.stringify(objects), { file, objects });
    }
  }
  return [...blocks.values()];
}

/** Starts the CLI on a free port; resolves once it has written its kubeconfig. */
function startCli(kubeconfig: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--kubeconfig', kubeconfig], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('kubeconfig written to')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', code => reject(new Error(`cluster-sim exited with ${code}: ${output}`)));
  });
}

jest.setTimeout(60_000);

describeWithKubectl('kubectl 1.32 with no flags against the standalone simulator', () => {
  let cli: ChildProcess;
  let dir: string;
  let kubeconfig: string;

  const kubectl = async (...args: string[]) => {
    const { stdout, stderr } = await run(KUBECTL, ['--kubeconfig', kubeconfig, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      timeout: 30_000,
    });
    return { stdout, stderr };
  };
  const getYaml = async (...args: string[]) => parse((await kubectl('get', ...args, '-o', 'yaml')).stdout);
  const kubectlFails = async (...args: string[]) => {
    try {
      await kubectl(...args);
    } catch (error) {
      return String((error as { stderr?: string }).stderr);
    }
    throw new Error(`kubectl ${args.join(' ')} succeeded`);
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'cluster-sim-quickstarts-'));
    kubeconfig = join(dir, 'kubeconfig');
    cli = await startCli(kubeconfig);
  });

  afterAll(async () => {
    cli?.kill('SIGTERM');
    await fs.rm(dir, { recursive: true, force: true });
  });

  describe('kubectl apply -f, validating against the OpenAPI v3 documents', () => {
    const manifests = quickStartManifests();

    it('finds the quick starts’ workspace manifests', () => {
      expect(manifests.flatMap(m => m.objects.map(o => o.metadata.name)).sort()).toEqual([
        'workspace-phi-3-mini',
        'workspace-phi-3-mini-adapter',
        'workspace-tuning-phi-3',
      ]);
    });

    it.each(manifests.map(m => [m.objects.map(o => `${o.kind}/${o.metadata.name}`).join(', '), m] as const))(
      'applies %s as written, then again unchanged',
      async (_name, manifest) => {
        const file = join(dir, `${manifest.objects[0].metadata.name}.yaml`);
        await fs.writeFile(file, manifest.objects.map(o => JSON.stringify(o)).join('\n---\n'));
        const first = await kubectl('apply', '-f', file);
        expect(first.stderr).toBe('');
        expect(first.stdout.trim().split('\n')).toEqual(manifest.objects.map(o => `workspace.kaito.sh/${o.metadata.name} created`));
        expect((await kubectl('apply', '-f', file)).stdout.trim().split('\n')).toEqual(
          manifest.objects.map(o => `workspace.kaito.sh/${o.metadata.name} unchanged`),
        );
        for (const object of manifest.objects) {
          const { apiVersion, kind, metadata, ...body } = object;
          expect(await getYaml('workspace', metadata.name)).toMatchObject({ kind, metadata: { name: metadata.name, namespace: 'default' }, ...body });
        }
      },
    );

    it('applies the built-in kinds that sit beside a workspace (Namespace to RoleBinding), then again unchanged', async () => {
      const file = join(FIXTURES, 'manifests', 'model-serving.yaml');
      const expected = [
        'namespace/serving',
        'serviceaccount/runner',
        'configmap/inference-params',
        'secret/hf-token',
        'persistentvolumeclaim/model-cache',
        'deployment.apps/chat-ui',
        'service/chat-ui',
        'job.batch/warmup',
        'role.rbac.authorization.k8s.io/workspace-reader',
        'rolebinding.rbac.authorization.k8s.io/runner-reads-workspaces',
      ];
      expect((await kubectl('apply', '-f', file)).stdout.trim().split('\n')).toEqual(expected.map(name => `${name} created`));
      // stringData is folded into data by the server, so kubectl always re-sends it, as against a real server.
      expect((await kubectl('apply', '-f', file)).stdout.trim().split('\n')).toEqual(
        expected.map(name => (name === 'secret/hf-token' ? `${name} configured` : `${name} unchanged`)),
      );
      const deployment = await getYaml('-n', 'serving', 'deployment', 'chat-ui');
      expect(deployment.spec.template.spec.containers[0]).toMatchObject({ name: 'ui', ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }] });
    });

    it('re-applies Kaito’s and Karpenter’s CRDs as a List, then an edited workspace (merge patch, as for any custom resource)', async () => {
      const crds = join(dir, 'crds.json');
      await fs.writeFile(crds, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [workspaceCrd, nodeClaimCrd, nodePoolCrd] }));
      expect((await kubectl('apply', '-f', crds)).stdout).toMatch(/^customresourcedefinition.apiextensions.k8s.io\/workspaces.kaito.sh configured\n/);
      expect((await kubectl('apply', '-f', crds)).stdout.trim().split('\n')).toEqual(
        ['workspaces.kaito.sh', 'nodeclaims.karpenter.sh', 'nodepools.karpenter.sh'].map(name => `customresourcedefinition.apiextensions.k8s.io/${name} unchanged`),
      );

      const file = join(dir, 'edited.yaml');
      const workspace = { apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'edited' }, resource: { instanceType: 'Standard_NC6s_v3', labelSelector: { matchLabels: { apps: 'edited' } } }, inference: { preset: { name: 'phi-3-mini-4k-instruct' } } };
      await fs.writeFile(file, JSON.stringify(workspace));
      await kubectl('apply', '-f', file);
      workspace.resource.labelSelector.matchLabels.apps = 'edited-2';
      await fs.writeFile(file, JSON.stringify(workspace));
      expect((await kubectl('apply', '-f', file)).stdout).toBe('workspace.kaito.sh/edited configured\n');
      expect((await getYaml('workspace', 'edited')).resource.labelSelector.matchLabels).toEqual({ apps: 'edited-2' });
    });

    it('validates a kind: List (as kubectl get -o yaml writes it) on the client through /openapi/v2', async () => {
      const file = join(dir, 'list.json');
      // The listed objects carry their resourceVersion, so a status write by the Deployment
      // controller between get and apply is a 409 Conflict, as on a real server: get again.
      let list: any;
      let applied: string | undefined;
      for (let attempt = 0; attempt < 5 && applied === undefined; attempt++) {
        list = parse((await kubectl('get', 'deployment,service', '-n', 'serving', '-o', 'yaml')).stdout);
        await fs.writeFile(file, JSON.stringify(list));
        try {
          applied = (await kubectl('apply', '-f', file)).stdout;
        } catch (error) {
          if (!String(error).includes('Conflict')) throw error;
        }
      }
      expect(applied?.trim().split('\n')).toEqual(['deployment.apps/chat-ui configured', 'service/chat-ui configured']);
      list.items[0].spec.replicaz = 2;
      await fs.writeFile(file, JSON.stringify(list));
      expect(await kubectlFails('apply', '-f', file)).toMatch(/ValidationError\(Deployment.spec\): unknown field "replicaz" in io.k8s.api.apps.v1.DeploymentSpec/);
    });

    it('refuses an unknown field with the real server’s strict decoding error', async () => {
      const file = join(dir, 'typo.yaml');
      const typo = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'typo', namespace: 'default' },
        spec: {
          replica: 1,
          selector: { matchLabels: { app: 'typo' } },
          template: { metadata: { labels: { app: 'typo' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', imagee: 'x' }] } },
        },
      };
      await fs.writeFile(file, JSON.stringify(typo));
      expect(await kubectlFails('apply', '-f', file)).toBe(
        `Error from server (BadRequest): error when creating "${file}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagee"\n`,
      );
      expect(await kubectlFails('get', 'deployment', 'typo')).toMatch(/NotFound/);
    });

    it('refuses an unknown field kubectl apply adds to an existing object (a 422 for the patch, a 500 for server-side apply), and drops one kubectl patch adds, with a warning', async () => {
      const file = join(dir, 'patched.yaml');
      const deployment = (podSpec: Record<string, unknown>) => ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'patched', namespace: 'default' },
        spec: { selector: { matchLabels: { app: 'patched' } }, template: { metadata: { labels: { app: 'patched' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...podSpec } } },
      });
      await fs.writeFile(file, JSON.stringify(deployment({})));
      await kubectl('apply', '-f', file);
      // PodSpec.hostnameOverride arrived in Kubernetes 1.34: a 1.32 server does not know it.
      await fs.writeFile(file, JSON.stringify(deployment({ hostnameOverride: 'h' })));
      const applyError = await kubectlFails('apply', '-f', file);
      // kubectl prints an Invalid status without a kind as "The request is invalid"; the value is the patch as Go prints maps.
      expect(applyError).toMatch(/^The request is invalid: patch: Invalid value: "map\[metadata:map\[annotations:map\[kubectl.kubernetes.io\/last-applied-configuration:/);
      expect(applyError).toContain(' spec:map[template:map[spec:map[hostnameOverride:h]]]]":');
      expect(applyError).toMatch(/strict decoding error: unknown field "spec.template.spec.hostnameOverride"\n$/);
      // Server-side apply refuses it whatever the directive, with the 500 a 1.32 server answers.
      expect(await kubectlFails('apply', '--server-side', '-f', file)).toBe(
        'Error from server: failed to create typed patch object (default/patched; apps/v1, Kind=Deployment): .spec.template.spec.hostnameOverride: field not declared in schema\n',
      );
      // kubectl patch sends no fieldValidation (Warn): a JSON patch's unknown field is dropped with a warning.
      const patched = await kubectl('patch', 'deployment', 'patched', '--type=json', '-p', '[{"op":"add","path":"/spec/template/spec/hostnamee","value":"h"}]');
      expect(patched.stderr).toBe('Warning: unknown field "spec.template.spec.hostnamee"\n');
      expect((await getYaml('deployment', 'patched')).spec.template.spec).not.toHaveProperty('hostnamee');
    });

    it('refuses an unknown field of a workspace the same way', async () => {
      const file = join(dir, 'workspace-typo.yaml');
      await fs.writeFile(file, JSON.stringify({ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'ws-typo' }, resource: { instanceType: 'Standard_NC6s_v3', labelSelector: { matchLabels: { a: 'b' } } }, inference: { preset: { name: 'phi-3-mini-4k-instruct' }, presett: {} } }));
      expect(await kubectlFails('apply', '-f', file)).toMatch(
        /Workspace in version "v1beta1" cannot be handled as a Workspace: strict decoding error: unknown field "inference.presett"/,
      );
    });
  });

  describe('kubectl create (protobuf request bodies)', () => {
    it('creates a namespace', async () => {
      expect((await kubectl('create', 'namespace', 'kaito-demo')).stdout).toBe('namespace/kaito-demo created\n');
      expect(await getYaml('namespace', 'kaito-demo')).toMatchObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kaito-demo' }, status: { phase: 'Active' } });
    });

    it('creates a docker-registry secret whose .dockerconfigjson holds the credentials', async () => {
      await kubectl('create', 'secret', 'docker-registry', 'acr-pull', '-n', 'kaito-demo', '--docker-server=myregistry.azurecr.io', '--docker-username=puller', '--docker-password=s3cr:t!', '--docker-email=puller@example.com');
      const secret = await getYaml('-n', 'kaito-demo', 'secret', 'acr-pull');
      expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
      expect(JSON.parse(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString('utf8'))).toEqual({
        auths: {
          'myregistry.azurecr.io': {
            username: 'puller',
            password: 's3cr:t!',
            email: 'puller@example.com',
            auth: Buffer.from('puller:s3cr:t!').toString('base64'),
          },
        },
      });
    });

    it('creates a generic secret from literals', async () => {
      await kubectl('create', 'secret', 'generic', 'hf-token', '-n', 'kaito-demo', '--from-literal=token=hf_abc123', '--from-literal=empty=');
      const secret = await getYaml('-n', 'kaito-demo', 'secret', 'hf-token');
      expect(secret).toMatchObject({ type: 'Opaque', data: { token: Buffer.from('hf_abc123').toString('base64'), empty: '' } });
    });

    it('creates a configmap from literals and files, binary content byte for byte', async () => {
      const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a, 0x6b, 0x38, 0x73, 0x00]);
      await fs.writeFile(join(dir, 'weights.bin'), binary);
      await fs.writeFile(join(dir, 'prompt.txt'), 'Héllo, wörld ✓\n');
      await kubectl('create', 'configmap', 'params', '-n', 'kaito-demo', '--from-literal=temperature=0.7', `--from-file=${join(dir, 'prompt.txt')}`, `--from-file=weights=${join(dir, 'weights.bin')}`);
      const configMap = await getYaml('-n', 'kaito-demo', 'configmap', 'params');
      expect(configMap.data).toEqual({ temperature: '0.7', 'prompt.txt': 'Héllo, wörld ✓\n' });
      expect(Buffer.from(configMap.binaryData.weights, 'base64').equals(binary)).toBe(true);
    });

    it('creates a service account', async () => {
      expect((await kubectl('create', 'serviceaccount', 'kaito-runner', '-n', 'kaito-demo')).stdout).toBe('serviceaccount/kaito-runner created\n');
      expect(await getYaml('-n', 'kaito-demo', 'serviceaccount', 'kaito-runner')).toMatchObject({ kind: 'ServiceAccount', metadata: { name: 'kaito-runner', namespace: 'kaito-demo' } });
    });

    it('refuses a typed create of a kind whose protobuf form is not known with 415, not a decode crash', async () => {
      const stderr = await kubectlFails('create', 'deployment', 'web', '--image=nginx:1.27', '-n', 'kaito-demo');
      expect(stderr).toMatch(/the body of the request was in an unknown format - accepted media types include: application\/json, application\/yaml/);
    });
  });
});
