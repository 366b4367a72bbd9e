import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { kaitoPlugin } from './plugin';

describe('kaitoPlugin', () => {
  it('serves its health endpoint without credentials', async () => {
    const { server } = await startTestBackend({ features: [kaitoPlugin] });
    const response = await request(server).get('/api/kaito/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});
