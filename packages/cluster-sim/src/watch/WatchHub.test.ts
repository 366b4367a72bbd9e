import { ResourceApi } from '../api/ResourceApi';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { ObjectStore } from '../store/ObjectStore';
import { WatchHub, WatchSink } from './WatchHub';

function collectingSink() {
  const lines: any[] = [];
  let ended = false;
  const sink: WatchSink = {
    write: chunk => {
      chunk.split('\n').filter(Boolean).forEach(l => lines.push(JSON.parse(l)));
      return true;
    },
    end: () => {
      ended = true;
    },
    pendingBytes: () => 0,
  };
  return { sink, lines, ended: () => ended };
}

const flush = () => new Promise(resolve => setImmediate(resolve));

describe('WatchHub', () => {
  function setup(historySize = 5) {
    const store = new ObjectStore({ historySize });
    const api = new ResourceApi({ store, registry: new ResourceRegistry() });
    api.create(api.scope('', 'v1', 'namespaces'), { metadata: { name: 'ns' } });
    const hub = new WatchHub(store, { bookmarkIntervalMs: 1_000_000 });
    const scope = api.scope('', 'v1', 'configmaps', 'ns');
    const create = (name: string) => api.create(scope, { metadata: { name } });
    return { store, api, hub, scope, create };
  }

  describe('when the requested resourceVersion fell out of the history', () => {
    it('answers with one ERROR event carrying a 410 Expired Status and ends the stream', () => {
      const { hub, scope, create } = setup(3);
      const first = create('a');
      for (const n of ['b', 'c', 'd', 'e']) create(n);
      const { sink, lines, ended } = collectingSink();
      hub.open({ scope, resourceVersion: first.metadata.resourceVersion }, sink);
      expect(lines).toEqual([{ type: 'ERROR', object: expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired' }) }]);
      expect(ended()).toBe(true);
    });
  });

  describe('when the history was expired (as by etcd compaction)', () => {
    it.each([
      ['of that resource', 'configmaps'],
      ['of every resource', undefined],
    ])('answers 410 to resumes from before the expiry %s but serves resumes from after it', async (_what, resource) => {
      const { store, hub, scope, create } = setup(100);
      const before = create('a');
      create('b');
      store.expireHistory(resource);
      const atExpiry = String(store.resourceVersion);
      create('c');

      const old = collectingSink();
      hub.open({ scope, resourceVersion: before.metadata.resourceVersion }, old.sink);
      expect(old.lines).toEqual([{ type: 'ERROR', object: expect.objectContaining({ code: 410, reason: 'Expired' }) }]);

      const fresh = collectingSink();
      hub.open({ scope, resourceVersion: atExpiry }, fresh.sink);
      await flush();
      expect(fresh.lines.map(l => [l.type, l.object.metadata.name])).toEqual([['ADDED', 'c']]);
    });

    it('leaves other resources resumable when only one resource expired', async () => {
      const { store, api, hub, create } = setup(100);
      const secrets = api.scope('', 'v1', 'secrets', 'ns');
      const first = api.create(secrets, { metadata: { name: 's1' } });
      api.create(secrets, { metadata: { name: 's2' } });
      create('a');
      store.expireHistory('configmaps');
      const { sink, lines } = collectingSink();
      hub.open({ scope: secrets, resourceVersion: first.metadata.resourceVersion }, sink);
      await flush();
      expect(lines.map(l => [l.type, l.object.metadata.name])).toEqual([['ADDED', 's2']]);
    });

    it('expires resources that had no history yet when everything expires', () => {
      const { store, api, hub } = setup(100);
      const before = String(store.resourceVersion);
      api.create(api.scope('', 'v1', 'namespaces'), { metadata: { name: 'other' } });
      store.expireHistory();
      const { sink, lines } = collectingSink();
      hub.open({ scope: api.scope('', 'v1', 'secrets', 'ns'), resourceVersion: before }, sink);
      expect(lines).toEqual([{ type: 'ERROR', object: expect.objectContaining({ code: 410 }) }]);
    });
  });

  describe('when the requested resourceVersion is still held', () => {
    it('replays only the later events, in order', async () => {
      const { hub, scope, create } = setup(10);
      const a = create('a');
      create('b');
      create('c');
      const { sink, lines } = collectingSink();
      hub.open({ scope, resourceVersion: a.metadata.resourceVersion }, sink);
      await flush();
      expect(lines.map(l => [l.type, l.object.metadata.name])).toEqual([
        ['ADDED', 'b'],
        ['ADDED', 'c'],
      ]);
    });
  });

  describe('when watching another namespace', () => {
    it('receives nothing from this one, while an all-namespaces watch receives it', async () => {
      const { hub, api, scope, create } = setup(10);
      api.create(api.scope('', 'v1', 'namespaces'), { metadata: { name: 'other' } });
      const other = collectingSink();
      const all = collectingSink();
      hub.open({ scope: { ...scope, namespace: 'other' }, resourceVersion: String(api.store.resourceVersion) }, other.sink);
      hub.open({ scope: { ...scope, namespace: undefined }, resourceVersion: String(api.store.resourceVersion) }, all.sink);
      create('x');
      await flush();
      expect(other.lines).toEqual([]);
      expect(all.lines.map(l => l.object.metadata.name)).toEqual(['x']);
    });
  });

  describe('when a consumer falls behind', () => {
    it('closes its watch', async () => {
      const { hub, scope, create, store } = setup(10);
      let ended = false;
      hub.open(
        { scope, resourceVersion: String(store.resourceVersion) },
        { write: () => false, end: () => { ended = true; }, pendingBytes: () => Number.MAX_SAFE_INTEGER },
      );
      create('slow');
      await flush();
      expect(ended).toBe(true);
      expect(hub.size).toBe(0);
    });
  });

  describe('when sendInitialEvents is requested with bookmarks', () => {
    it('sends the current objects then a bookmark annotated initial-events-end', () => {
      const { hub, scope, create } = setup(10);
      create('one');
      const { sink, lines } = collectingSink();
      hub.open({ scope, sendInitialEvents: true, allowWatchBookmarks: true }, sink);
      return flush().then(() => {
        expect(lines.map(l => l.type)).toEqual(['ADDED', 'BOOKMARK']);
        expect(lines[1].object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
      });
    });
  });
});
