import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mockServices } from '@backstage/backend-test-utils';
import { createRouter } from '../service/router';

/** Every route the router serves, as OpenAPI path + method. */
function routesOf(router: any): string[] {
  return router.stack
    .filter((layer: any) => layer.route)
    .flatMap((layer: any) =>
      Object.keys(layer.route.methods).map(
        method => `${method} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`,
      ),
    )
    .sort();
}

describe('openapi.yaml', () => {
  it('describes exactly the routes the router serves', async () => {
    const spec = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([path, item]) => Object.keys(item).filter(k => k !== 'parameters').map(method => `${method} ${path}`))
      .sort();
    const router = await createRouter({
      logger: mockServices.logger.mock(),
      config: { chat: { requestsPerMinute: 1, maxConcurrentStreamsPerUser: 1, maxRequestBytes: 1, maxTokens: 1, auditPrompts: false, history: { maxMessages: 1, maxMessageChars: 1 } } } as any,
      service: {} as any,
      events: {} as any,
      audit: {} as any,
      auditor: mockServices.auditor.mock(),
      chatRateLimiter: {} as any,
      chatStreamLimiter: {} as any,
      chatHistory: {} as any,
      httpAuth: mockServices.httpAuth.mock(),
      auth: mockServices.auth.mock(),
      permissions: mockServices.permissions.mock(),
    });
    expect(documented).toEqual(routesOf(router));
  });
});
