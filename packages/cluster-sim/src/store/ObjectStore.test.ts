import { ObjectStore } from './ObjectStore';

const object = (namespace: string | undefined, name: string) => ({ metadata: { namespace, name } });
const names = (objects: Array<{ metadata: { namespace?: string; name?: string } }>) => objects.map(o => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);

describe('ObjectStore.peekAll', () => {
  it('lists one namespace from its own index, sorted by name, as writes, removals and restores leave it', () => {
    const store = new ObjectStore();
    for (const [namespace, name] of [['b', 'z'], ['a', 'y'], ['b', 'x'], ['a', 'w']]) store.put('pods', object(namespace, name));
    expect(names(store.peekAll('pods', 'b'))).toEqual(['b/x', 'b/z']);
    expect(names(store.peekAll('pods'))).toEqual(['a/w', 'a/y', 'b/x', 'b/z']);

    store.put('pods', { ...object('b', 'x'), spec: { changed: true } });
    expect(store.peekAll('pods', 'b')[0].spec).toEqual({ changed: true });
    store.remove('pods', 'b', 'z');
    store.remove('pods', 'b', 'x');
    expect(store.peekAll('pods', 'b')).toEqual([]);
    expect(names(store.peekAll('pods', 'a'))).toEqual(['a/w', 'a/y']);

    const restored = new ObjectStore();
    restored.put('pods', object('c', 'gone'));
    restored.restore(store.snapshot());
    expect(restored.peekAll('pods', 'c')).toEqual([]);
    expect(names(restored.peekAll('pods', 'a'))).toEqual(['a/w', 'a/y']);
  });

  it('finds no cluster-scoped object in a namespace', () => {
    const store = new ObjectStore();
    store.put('nodes', object(undefined, 'n1'));
    expect(store.peekAll('nodes', 'default')).toEqual([]);
    expect(names(store.peekAll('nodes'))).toEqual(['/n1']);
  });
});
