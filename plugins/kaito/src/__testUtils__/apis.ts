import { mockApis, MockFetchApi } from '@backstage/test-utils';
import { KaitoClient } from '../api/KaitoClient';

/** Where msw handlers of these tests answer. */
export const API = 'http://kaito.test/api/kaito';

/** A real `KaitoClient` over the global fetch, which msw intercepts. */
export function testKaitoClient(): KaitoClient {
  return new KaitoClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://kaito.test' }),
    fetchApi: new MockFetchApi(),
  });
}
