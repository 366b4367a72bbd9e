import { mergeConfig } from './mergeConfig';

describe('mergeConfig', () => {
  it('merges objects key by key and replaces arrays and scalars whole', () => {
    const base = {
      backend: { listen: { port: 7008 }, database: { client: 'better-sqlite3' } },
      kaito: { clusters: [{ name: 'local' }], controller: { leaderElection: { enabled: false } } },
    };
    const merged = mergeConfig(base, {
      backend: { listen: { port: 7100 } },
      kaito: { clusters: [{ name: 'local', simulator: { modelLoadMs: 4000 } }] },
      catalog: { rules: [{ allow: ['Resource'] }] },
    });
    expect(merged).toEqual({
      backend: { listen: { port: 7100 }, database: { client: 'better-sqlite3' } },
      kaito: { clusters: [{ name: 'local', simulator: { modelLoadMs: 4000 } }], controller: { leaderElection: { enabled: false } } },
      catalog: { rules: [{ allow: ['Resource'] }] },
    });
    expect(base.backend.listen.port).toBe(7008);
  });

  it('lets an override replace an object with a scalar', () => {
    expect(mergeConfig({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
  });
});
