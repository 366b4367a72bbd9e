import { ResourceApi } from '../api/ResourceApi';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { ObjectStore } from '../store/ObjectStore';
import { Clock, systemClock } from '../types';
import { TokenAuthenticator } from './TokenAuthenticator';

function setup() {
  let now = Date.parse('2026-12-01T09:00:00Z');
  const clock: Clock = { ...systemClock, now: () => now };
  const store = new ObjectStore();
  const api = new ResourceApi({ store, registry: new ResourceRegistry(), clock });
  api.create(api.scope('', 'v1', 'namespaces'), { metadata: { name: 'ns1' } });
  api.create(api.scope('', 'v1', 'serviceaccounts', 'ns1'), { metadata: { name: 'robot', namespace: 'ns1' } });
  const key = Buffer.from('a signing key of thirty-two bytes');
  return { api, store, clock, key, advance: (ms: number) => (now += ms), authenticator: new TokenAuthenticator(store, clock, 'admin', [], key) };
}

describe('TokenAuthenticator', () => {
  it('issues a JWT with a real service-account token’s claims', () => {
    const { authenticator, store } = setup();
    const { token } = authenticator.issueServiceAccountToken('ns1', 'robot', 3600, ['https://kubernetes.default.svc']);
    const [header, payload] = token.split('.').slice(0, 2).map(p => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', kid: 'cluster-sim', typ: 'JWT' });
    expect(payload).toEqual({
      aud: ['https://kubernetes.default.svc'],
      exp: payload.iat + 3600,
      iat: expect.any(Number),
      nbf: payload.iat,
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:ns1:robot',
      'kubernetes.io': { namespace: 'ns1', serviceaccount: { name: 'robot', uid: store.peek('serviceaccounts', 'ns1', 'robot')!.metadata.uid } },
    });
  });

  it('accepts its token until it expires', () => {
    const { authenticator, advance } = setup();
    const { token } = authenticator.issueServiceAccountToken('ns1', 'robot', 600);
    expect(authenticator.authenticate(token)?.name).toBe('system:serviceaccount:ns1:robot');
    advance(599_000);
    expect(authenticator.authenticate(token)).toBeDefined();
    advance(1_000);
    expect(authenticator.authenticate(token)).toBeUndefined();
  });

  it('refuses a token with altered claims or another key’s signature', () => {
    const { authenticator, store, clock } = setup();
    const { token } = authenticator.issueServiceAccountToken('ns1', 'robot');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims['kubernetes.io'].serviceaccount.name = 'someone-else';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(authenticator.authenticate(forged)).toBeUndefined();
    expect(new TokenAuthenticator(store, clock, 'admin', [], Buffer.from('another key')).authenticate(token)).toBeUndefined();
  });

  it('accepts a token of the same key after a restart', () => {
    const { authenticator, store, clock, key } = setup();
    const { token } = authenticator.issueServiceAccountToken('ns1', 'robot');
    expect(new TokenAuthenticator(store, clock, 'admin', [], key).authenticate(token)?.name).toBe('system:serviceaccount:ns1:robot');
  });

  it('knows the admin and static users, each in system:authenticated', () => {
    const { store, clock } = setup();
    const authenticator = new TokenAuthenticator(store, clock, 'admin-token', [{ token: 't1', name: 'alice', groups: ['devs'] }]);
    expect(authenticator.authenticate('admin-token')).toEqual({ name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] });
    expect(authenticator.authenticate('t1')).toEqual({ name: 'alice', groups: ['devs', 'system:authenticated'] });
    expect(authenticator.authenticate('nope')).toBeUndefined();
  });
});
