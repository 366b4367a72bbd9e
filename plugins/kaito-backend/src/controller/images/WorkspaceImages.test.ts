import { KubernetesObject } from '@kubernetes/client-node';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ResolvedImage } from '../../images/RegistryClient';
import { IMAGES_ANNOTATION, WorkspaceImages } from './WorkspaceImages';

const SERVING = 'mcr.microsoft.com/aks/kaito/kaito-base:0.5.0';
const ADAPTER = 'myacr.azurecr.io/adapters/phi:1';
const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

function workspace(annotations: Record<string, string> = {}, adapter = ADAPTER): Workspace {
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name: 'phi', namespace: 'default', annotations },
    resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'phi' } } },
    inference: { preset: { name: 'phi-3-mini-4k-instruct' }, adapters: [{ source: { name: 'phi', image: adapter } }] },
  };
}

const children: KubernetesObject[] = [
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'phi' } },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'phi' },
    spec: { template: { spec: { containers: [{ name: 'phi', image: SERVING }, { name: 'sidecar', image: 'busybox' }] } } },
  } as KubernetesObject,
];

const servingImageOf = (objects: KubernetesObject[]) =>
  (objects.find(o => o.kind === 'StatefulSet') as any).spec.template.spec.containers.map((c: { image: string }) => c.image);

/** A resolver whose answers the test releases by hand. */
function controlledResolver() {
  const calls: string[] = [];
  const waiting = new Map<string, { resolve: (r: ResolvedImage) => void; reject: (e: Error) => void }>();
  const resolve = (image: string) =>
    new Promise<ResolvedImage>((ok, fail) => {
      calls.push(image);
      waiting.set(image, { resolve: ok, reject: fail });
    });
  const answer = async (image: string, result: string | Error) => {
    const pending = waiting.get(image)!;
    waiting.delete(image);
    if (typeof result === 'string') pending.resolve({ image, digest: result, pinned: `${image}@${result}` });
    else pending.reject(result);
    await new Promise(r => setImmediate(r));
  };
  return { resolve, answer, calls };
}

describe('WorkspaceImages', () => {
  describe('when more images are asked for than maxImages', () => {
    it('forgets the least recently used lookup and asks the registry again', async () => {
      const registry = controlledResolver();
      // Two images per workspace (adapter, serving image): room for three lookups.
      const images = new WorkspaceImages({ resolve: registry.resolve, maxImages: 3 });
      const other = 'myacr.azurecr.io/adapters/other:1';
      images.check('default/phi', workspace(), children);
      await registry.answer(ADAPTER, digest(1));
      await registry.answer(SERVING, digest(2));
      images.check('default/phi', workspace({}, other), children);
      await registry.answer(other, digest(3));
      images.check('default/phi', workspace(), children);
      images.check('default/phi', workspace({}, 'myacr.azurecr.io/adapters/third:1'), children);
      // ADAPTER was used just now and stays; `other`, the least recently used, went.
      images.check('default/phi', workspace({}, other), children);
      expect(registry.calls).toEqual([ADAPTER, SERVING, other, 'myacr.azurecr.io/adapters/third:1', other]);
    });
  });

  describe('when the images have not been looked up yet', () => {
    it('holds the workload, looks each image up once in the background and requeues the workspace when done', async () => {
      const registry = controlledResolver();
      const settled: string[] = [];
      const images = new WorkspaceImages({ resolve: registry.resolve, onSettled: key => settled.push(key) });
      const first = images.check('default/phi', workspace(), children);
      images.check('default/phi', workspace(), children);
      expect(first).toMatchObject({ ready: false, pending: { retryAfterMs: 250 } });
      expect(registry.calls.sort()).toEqual([ADAPTER, SERVING].sort());

      await registry.answer(ADAPTER, digest(1));
      await registry.answer(SERVING, digest(2));
      expect(settled).toEqual(['default/phi', 'default/phi']);

      const done = images.check('default/phi', workspace(), children);
      expect(done.ready).toBe(true);
      expect(servingImageOf(done.children)).toEqual([`${SERVING}@${digest(2)}`, 'busybox']);
      expect(JSON.parse(done.annotation!)).toEqual({ [ADAPTER]: digest(1), [SERVING]: digest(2) });
    });
  });

  describe('when the workspace records its pins', () => {
    it('uses them without asking the registry', () => {
      const registry = controlledResolver();
      const images = new WorkspaceImages({ resolve: registry.resolve });
      // Sorted by image, as the recorder writes it, so it is never rewritten for order alone.
      const pins = JSON.stringify({ [SERVING]: digest(2), [ADAPTER]: digest(1) });
      const result = images.check('default/phi', workspace({ [IMAGES_ANNOTATION]: pins }), children);
      expect(registry.calls).toEqual([]);
      expect(result.ready).toBe(true);
      expect(result.annotation).toBe(pins);
      expect(servingImageOf(result.children)[0]).toBe(`${SERVING}@${digest(2)}`);
    });
  });

  describe('when an adapter image does not exist', () => {
    it('holds the workload with a problem that names the image', async () => {
      const registry = controlledResolver();
      const images = new WorkspaceImages({ resolve: registry.resolve });
      images.check('default/phi', workspace(), children);
      await registry.answer(ADAPTER, new NotFoundError(`Image ${ADAPTER} does not exist`));
      await registry.answer(SERVING, digest(2));
      const result = images.check('default/phi', workspace(), children);
      expect(result.ready).toBe(false);
      expect(result.pending).toBeUndefined();
      expect(result.problem).toEqual({ reason: 'ImageNotFound', message: `Image ${ADAPTER} does not exist` });
    });
  });

  describe('when the registry is slow', () => {
    it('lets the workload go ahead unpinned once the timeout has passed', () => {
      let now = 0;
      const registry = controlledResolver();
      const images = new WorkspaceImages({ resolve: registry.resolve, timeoutMs: 3000, now: () => now });
      expect(images.check('default/phi', workspace(), children).ready).toBe(false);
      now = 3001;
      const result = images.check('default/phi', workspace(), children);
      expect(result.ready).toBe(true);
      expect(servingImageOf(result.children)[0]).toBe(SERVING);
      expect(registry.calls).toHaveLength(2);
    });
  });

  describe('when the registry is down', () => {
    it('goes ahead unpinned and asks again only after the failure TTL', async () => {
      let now = 0;
      const registry = controlledResolver();
      const images = new WorkspaceImages({ resolve: registry.resolve, failureTtlMs: 30_000, now: () => now });
      images.check('default/phi', workspace(), children);
      await registry.answer(ADAPTER, new ServiceUnavailableError('unreachable'));
      await registry.answer(SERVING, new ServiceUnavailableError('unreachable'));
      const result = images.check('default/phi', workspace(), children);
      expect(result).toMatchObject({ ready: true, problem: undefined, annotation: undefined });
      expect(registry.calls).toHaveLength(2);
      now = 30_001;
      images.check('default/phi', workspace(), children);
      expect(registry.calls).toHaveLength(4);
    });
  });
});
