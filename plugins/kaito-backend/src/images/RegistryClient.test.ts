import { startTestRegistry, TestRegistry } from '../__testUtils__/startTestRegistry';
import { RegistryClient } from './RegistryClient';

describe('RegistryClient against a real OCI registry', () => {
  describe('when the registry allows anonymous pulls', () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startTestRegistry();
    });
    afterAll(() => registry.stop());

    it('resolves a tag to the digest of its manifest and pins the image to it', async () => {
      const digest = await registry.pushImage('adapters/phi-3', '0.0.1');
      const client = new RegistryClient({ insecureRegistries: [registry.host] });
      const resolved = await client.resolve(`${registry.host}/adapters/phi-3:0.0.1`);
      expect(resolved.digest).toBe(digest);
      expect(resolved.pinned).toBe(`${registry.host}/adapters/phi-3:0.0.1@${digest}`);
    });

    it('names the image when the tag does not exist', async () => {
      await registry.pushImage('adapters/exists', '1');
      const client = new RegistryClient({ insecureRegistries: [registry.host] });
      await expect(client.resolve(`${registry.host}/adapters/exists:2`)).rejects.toThrow(
        `Image ${registry.host}/adapters/exists:2 does not exist`,
      );
    });

    it('serves a cached digest until the TTL passes, then sees a moved tag', async () => {
      let now = 0;
      const client = new RegistryClient({ insecureRegistries: [registry.host], cacheTtlMs: 1000, now: () => now });
      const first = await registry.pushImage('adapters/moving', 'latest', '{"v":1}');
      expect((await client.resolve(`${registry.host}/adapters/moving`)).digest).toBe(first);
      const second = await registry.pushImage('adapters/moving', 'latest', '{"v":2}');
      expect((await client.resolve(`${registry.host}/adapters/moving`)).digest).toBe(first);
      now = 2000;
      expect((await client.resolve(`${registry.host}/adapters/moving`)).digest).toBe(second);
    });

    it('keeps at most cacheMaxEntries digests: the least recently used is asked for again', async () => {
      const client = new RegistryClient({ insecureRegistries: [registry.host], cacheMaxEntries: 1 });
      const first = await registry.pushImage('adapters/evicted', 'latest', '{"v":1}');
      await registry.pushImage('adapters/other', 'latest');
      expect((await client.resolve(`${registry.host}/adapters/evicted`)).digest).toBe(first);
      await client.resolve(`${registry.host}/adapters/other`);
      const second = await registry.pushImage('adapters/evicted', 'latest', '{"v":2}');
      // Within the TTL, but pushed out of the cache by the other image.
      expect((await client.resolve(`${registry.host}/adapters/evicted`)).digest).toBe(second);
    });
  });

  describe('when the registry requires credentials', () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startTestRegistry({ users: { puller: 's3cret' } });
    });
    afterAll(() => registry.stop());

    it('answers the Basic challenge with the configured credentials', async () => {
      const digest = await registry.pushImage('private/model', '1');
      const client = new RegistryClient({
        insecureRegistries: [registry.host],
        credentials: { [registry.host]: { username: 'puller', password: 's3cret' } },
      });
      expect((await client.resolve(`${registry.host}/private/model:1`)).digest).toBe(digest);
    });

    it('says a pull secret is needed when it has none', async () => {
      const client = new RegistryClient({ insecureRegistries: [registry.host] });
      await expect(client.resolve(`${registry.host}/private/model:1`)).rejects.toThrow(
        'needs credentials to resolve',
      );
    });
  });

  it('reports an unreachable registry', async () => {
    const client = new RegistryClient({ insecureRegistries: ['127.0.0.1:9'] });
    await expect(client.resolve('127.0.0.1:9/a/b:1')).rejects.toThrow('is unreachable');
  });
});
