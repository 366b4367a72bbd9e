import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import express from 'express';
import request from 'supertest';
import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { createRouter, RouterOptions } from '../service/router';
import { WorkspaceEvents } from '../service/WorkspaceEvents';

/** Backstage's validated router serves its spec there; it is no route of ours. */
const SPEC_ROUTE = '/openapi.json';

/** Every route the router serves, as OpenAPI path + method. */
function routesOf(router: any): string[] {
  return router.stack
    .filter((layer: any) => layer.route && layer.route.path !== SPEC_ROUTE)
    .flatMap((layer: any) =>
      Object.keys(layer.route.methods).map(
        method => `${method} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`,
      ),
    )
    .sort();
}

const chatConfig = { requestsPerMinute: 1, maxConcurrentStreamsPerUser: 1, maxRequestBytes: 1, maxTokens: 1, auditPrompts: false, history: { maxMessages: 1, maxMessageChars: 1 } };

/** The router over the given service stand-in; nothing else is reached by the routes these tests call. */
function routerWith(service: Partial<RouterOptions['service']>, extra: Partial<RouterOptions> = {}) {
  return createRouter({
    logger: mockServices.logger.mock(),
    config: { chat: chatConfig } as any,
    service: service as any,
    events: new WorkspaceEvents(),
    audit: {} as any,
    auditor: mockServices.auditor.mock(),
    chatRateLimiter: {} as any,
    chatStreamLimiter: {} as any,
    chatHistory: {} as any,
    httpAuth: mockServices.httpAuth.mock(),
    auth: mockServices.auth.mock(),
    permissions: mockServices.permissions.mock(),
    ...extra,
  });
}

/** An app answering errors as the Backstage backend does. */
async function appWith(router: express.Router) {
  const middleware = MiddlewareFactory.create({ config: mockServices.rootConfig(), logger: mockServices.logger.mock() });
  return express().use(router).use(middleware.error());
}

const cluster = { name: 'sim', title: 'Simulator', mode: 'builtin', cloud: 'azure', provisioner: 'gpu-provisioner', simulated: true };

describe('openapi.yaml', () => {
  it('describes exactly the routes the router serves', async () => {
    const spec = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([path, item]) => Object.keys(item).filter(k => k !== 'parameters').map(method => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(routesOf(await routerWith({})));
  });

  it('answers a response that drifts from its schema with a 500 naming the difference (on under NODE_ENV=test)', async () => {
    const drifted = { ...cluster, region: 'westeurope' };
    const app = await appWith(await routerWith({ listClusters: () => [drifted] as any }));
    const res = await request(app).get('/clusters');
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(/response.*items\/0.*additional properties/i);
  });

  it('serves a response that matches its schema', async () => {
    const app = await appWith(await routerWith({ listClusters: () => [cluster] as any }));
    const res = await request(app).get('/clusters');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [cluster] });
  });

  it('does not check responses when validateResponses is off (production)', async () => {
    const app = await appWith(await routerWith({ listClusters: () => [{ ...cluster, region: 'x' }] as any }, { validateResponses: false }));
    expect((await request(app).get('/clusters')).status).toBe(200);
  });

  it('serves the whole spec, request bodies included, at /openapi.json', async () => {
    const app = express().use('/api/kaito', await routerWith({}));
    const res = await request(app).get('/api/kaito/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.servers).toEqual([{ url: '/api/kaito' }]);
    expect(res.body.paths['/workspaces'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CreateWorkspaceRequest',
    });
  });

  it('refuses a query parameter the spec does not list', async () => {
    const app = await appWith(await routerWith({ listSkus: () => [] }));
    const res = await request(app).get('/skus?cluster=sim&colour=blue');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("Unknown query parameter 'colour'");
  });
});
