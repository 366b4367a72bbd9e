import { createServiceFactory, coreServices, LoggerService } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { NO_CLUSTERS_GUIDANCE } from '@kaito-backstage/plugin-kaito-common';
import request from 'supertest';
import { kaitoPlugin } from './plugin';
import { testOrgServices } from './__testUtils__/testOrg';

/** A logger that keeps every line, so the test can count the guidance. */
function recordingLogger(lines: Array<{ level: string; message: string }>): LoggerService {
  const logger: LoggerService = {
    error: message => void lines.push({ level: 'error', message }),
    warn: message => void lines.push({ level: 'warn', message }),
    info: message => void lines.push({ level: 'info', message }),
    debug: message => void lines.push({ level: 'debug', message }),
    child: () => logger,
  };
  return logger;
}

describe('the plugin with no kaito.clusters', () => {
  it('manages no cluster, logs once how to add one, and GET /clusters says the same', async () => {
    const lines: Array<{ level: string; message: string }> = [];
    const backend = await startTestBackend({
      features: [
        kaitoPlugin,
        ...testOrgServices(),
        createServiceFactory({ service: coreServices.logger, deps: {}, factory: () => recordingLogger(lines) }),
        mockServices.rootConfig.factory({ data: { kaito: { controller: { leaderElection: { enabled: false } } } } }),
      ],
    });
    try {
      const res = await request(backend.server).get('/api/kaito/clusters');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], guidance: NO_CLUSTERS_GUIDANCE });
      expect(lines.filter(l => l.message === NO_CLUSTERS_GUIDANCE)).toEqual([{ level: 'warn', message: NO_CLUSTERS_GUIDANCE }]);
      // Nothing to connect: no cluster errors, no retries.
      expect(lines.filter(l => l.level === 'error')).toEqual([]);
      const list = await request(backend.server).get('/api/kaito/workspaces');
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('says how to add one in words an admin can follow', () => {
    expect(NO_CLUSTERS_GUIDANCE).toContain('kaito.clusters');
    expect(NO_CLUSTERS_GUIDANCE).toContain('mode: observe');
    expect(NO_CLUSTERS_GUIDANCE).toContain('@kaito-backstage/plugin-kaito-backend-module-cluster-simulator');
    expect(NO_CLUSTERS_GUIDANCE).toContain('type: simulator');
  });
});
