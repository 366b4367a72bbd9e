/*
 * The guide's `backend.auth.externalAccess` block (docs/add-to-your-portal.md), run as it stands on
 * Backstage's own auth, httpAuth and permissions services: a static token restricted to
 * `kaito.workspace.read` lists every workspace and is refused the whole audit log, which an
 * unrestricted token reads.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { ClusterSimulator, startClusterSimulator } from '@kaito-backstage/cluster-sim';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import request from 'supertest';
import { parse } from 'yaml';
import { eventually } from '../__testUtils__/eventually';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { kaitoPlugin } from '../plugin';
import { testOrgServices } from '../__testUtils__/testOrg';
import { phiWorkspace } from '../__testUtils__/workspaces';

jest.setTimeout(60_000);

const READER_TOKEN = 'kaito-reader-test-token-0123456789abcdef';
const OPERATOR_TOKEN = 'kaito-operator-test-token-0123456789abcdef';

/** The guide's yaml block that configures `backend.auth.externalAccess`, with the reader token filled in. */
function guideExternalAccess() {
  const guide = readFileSync(resolve(__dirname, '../../../../docs/add-to-your-portal.md'), 'utf8');
  const blocks = [...guide.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map(m => m[1]).filter(body => body.includes('externalAccess:'));
  expect(blocks).toHaveLength(1);
  const config = parse(blocks[0].replace('${KAITO_READER_TOKEN}', READER_TOKEN));
  return config.backend.auth.externalAccess as object[];
}

describe("the guide's restricted static token", () => {
  let sim: ClusterSimulator;
  let server: Parameters<typeof request>[0];
  const as = (token: string, path: string) => request(server).get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 } } });
    const admin = new KubeConfig();
    admin.loadFromString(sim.kubeconfigYaml());
    await KubernetesObjectApi.makeApiClient(admin).create(phiWorkspace('seen-by-token') as never);
    const backend = await startTestBackend({
      features: [
        kaitoPlugin,
        ...testOrgServices(),
        // Backstage's own services, where startTestBackend has mocks: they read externalAccess.
        authServiceFactory,
        httpAuthServiceFactory,
        permissionsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [...guideExternalAccess(), { type: 'static', options: { token: OPERATOR_TOKEN, subject: 'kaito-operator' } }],
              },
            },
            kaito: {
              clusters: [{ name: 'sim', url: sim.url, serviceAccountToken: sim.token, skipTLSVerify: true }],
              controller: { leaderElection: { enabled: false } },
            },
          },
        }),
      ],
    });
    server = backend.server;
  });
  afterAll(() => sim?.stop());

  it('lists and reads workspaces', async () => {
    await eventually(async () => {
      const res = await as(READER_TOKEN, '/api/kaito/clusters');
      return res.body.items?.[0] && !res.body.items[0].error ? true : undefined;
    }, 'the cluster to connect');
    const listed = await eventually(async () => {
      const res = await as(READER_TOKEN, '/api/kaito/workspaces');
      expect(res.status).toBe(200);
      return res.body.items.some((w: { key: string }) => w.key === 'sim/default/seen-by-token') ? res : undefined;
    }, 'the workspace to be listed');
    expect(listed.body.errors).toEqual([]);
    expect((await as(READER_TOKEN, '/api/kaito/workspaces/sim/default/seen-by-token')).status).toBe(200);
    expect((await as(READER_TOKEN, '/api/kaito/audit?workspace=sim/default/seen-by-token')).status).toBe(200);
  });

  it('is refused the whole audit log (kaito.audit.read), which an unrestricted token reads', async () => {
    const refused = await as(READER_TOKEN, '/api/kaito/audit');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('You are not allowed to read the audit log');
    expect((await as(OPERATOR_TOKEN, '/api/kaito/audit')).status).toBe(200);
  });

  it('is refused without a token or with another one', async () => {
    expect((await request(server).get('/api/kaito/workspaces')).status).toBe(401);
    expect((await as('not-a-configured-token', '/api/kaito/workspaces')).status).toBe(401);
  });
});
