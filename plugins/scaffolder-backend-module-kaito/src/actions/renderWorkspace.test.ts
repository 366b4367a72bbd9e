import fs from 'node:fs/promises';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import yaml from 'yaml';
import { actionContext, refuseCreate, startCreatingBackend } from '../__testUtils__/actionHarness';
import type { FakeKaitoBackend } from '../__testUtils__/fakeKaitoBackend';
import { createKaitoRenderWorkspaceAction } from './renderWorkspace';

const input = {
  cluster: 'local',
  name: 'support-phi-3',
  preset: 'phi-3-mini-4k-instruct',
  instanceType: 'Standard_NV36ads_A10_v5',
  owner: 'group:default/ml-team',
};

describe('kaito:workspace:render', () => {
  const directory = createMockDirectory();
  let backend: FakeKaitoBackend;
  let action: ReturnType<typeof createKaitoRenderWorkspaceAction>;

  beforeEach(async () => {
    directory.clear();
    const started = await startCreatingBackend();
    backend = started.backend;
    action = createKaitoRenderWorkspaceAction({ client: started.client });
  });

  afterEach(() => backend.close());

  it('writes the manifest the backend rendered to kaito/workspace.yaml, without server-set fields', async () => {
    const { ctx } = actionContext(input, { workspacePath: directory.path });

    await action.handler(ctx);

    expect(backend.requests.map(r => r.body)).toEqual([expect.objectContaining({ dryRun: true, name: 'support-phi-3' })]);
    const written = yaml.parse(await fs.readFile(path.join(directory.path, 'kaito/workspace.yaml'), 'utf8'));
    expect(written).toEqual({
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: {
        name: 'support-phi-3',
        namespace: 'default',
        annotations: { 'backstage.kaito.sh/owner': 'group:default/ml-team' },
      },
      resource: { instanceType: 'Standard_NV36ads_A10_v5', labelSelector: { matchLabels: { apps: 'support-phi-3' } } },
      inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
    });
    expect(ctx.output).toHaveBeenCalledWith('filePath', 'kaito/workspace.yaml');
    expect(ctx.output).toHaveBeenCalledWith('workspaceRef', 'local/default/support-phi-3');
  });

  it('writes to the directory given as path', async () => {
    const { ctx } = actionContext({ ...input, path: 'clusters/local/default' }, { workspacePath: directory.path });

    await action.handler(ctx);

    await expect(fs.stat(path.join(directory.path, 'clusters/local/default/workspace.yaml'))).resolves.toBeTruthy();
    expect(ctx.output).toHaveBeenCalledWith('filePath', 'clusters/local/default/workspace.yaml');
  });

  it('renders a tuning workspace when tuning is given', async () => {
    const tuning = {
      inputUrls: ['https://example.com/data.parquet'],
      outputImage: 'myregistry.azurecr.io/adapters/a:1',
      outputImagePushSecret: 'acr-push',
    };
    const { ctx } = actionContext({ ...input, tuning, adapters: [{ name: 'x', image: 'y' }] }, { workspacePath: directory.path });

    await action.handler(ctx);

    const body = backend.requests[0].body as any;
    expect(body.tuning).toEqual({ method: 'qlora', ...tuning });
    expect(body.adapters).toBeUndefined();
  });

  it.each(['../outside', '/etc', 'kaito/../../outside'])('refuses the path %p, which leaves the workspace', async unsafe => {
    const { ctx } = actionContext({ ...input, path: unsafe }, { workspacePath: directory.path });

    await expect(action.handler(ctx)).rejects.toThrow(NotAllowedError);
    expect(backend.requests).toEqual([]);
  });

  it('writes nothing when the backend rejects the request', async () => {
    refuseCreate(backend, 400, 'InputError', 'preset: no preset named phi-9');
    const { ctx } = actionContext({ ...input, preset: 'phi-9' }, { workspacePath: directory.path });

    await expect(action.handler(ctx)).rejects.toThrow(InputError);
    await expect(fs.readdir(directory.path)).resolves.toEqual([]);
  });

  describe('on a dry run', () => {
    it('writes the file too, so the template editor shows it', async () => {
      const { ctx } = actionContext(input, { workspacePath: directory.path, isDryRun: true });

      await action.handler(ctx);

      await expect(fs.readFile(path.join(directory.path, 'kaito/workspace.yaml'), 'utf8')).resolves.toContain('kind: Workspace');
    });
  });
});
