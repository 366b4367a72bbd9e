import { ApiError } from '../../errors';
import { ResourceRegistry } from '../../registry/ResourceRegistry';
import { ObjectStore } from '../../store/ObjectStore';
import { KubeObject } from '../../types';
import { ResourceApi } from '../ResourceApi';

function setup() {
  const api = new ResourceApi({ store: new ObjectStore({}), registry: new ResourceRegistry() });
  api.create(api.scope('', 'v1', 'namespaces'), { metadata: { name: 'demo' } });
  const leases = api.scope('coordination.k8s.io', 'v1', 'leases', 'demo');
  const pods = api.scope('', 'v1', 'pods', 'demo');
  const events = api.scope('', 'v1', 'events', 'demo');
  return { api, leases, pods, events };
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

const lease = (renewTime: unknown): KubeObject => ({
  metadata: { name: 'leader' },
  spec: { holderIdentity: 'a', leaseDurationSeconds: 15, acquireTime: '2026-12-01T08:05:13.000000Z', renewTime },
});

describe('decoding the typed fields of built-in kinds', () => {
  describe('MicroTime', () => {
    it('refuses a Lease renewTime with three fractional digits with the real server 400', () => {
      const { api, leases } = setup();
      const error = errorOf(() => api.create(leases, lease('2026-12-01T08:05:13.473Z')));
      expect(error.toStatus()).toMatchObject({
        code: 400,
        reason: 'BadRequest',
        message:
          'Lease in version "v1" cannot be handled as a Lease: parsing time "2026-12-01T08:05:13.473Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".473Z" as ".000000"',
      });
    });

    it('stores six-digit times in UTC', () => {
      const { api, leases } = setup();
      const created = api.create(leases, lease('2026-12-01T10:05:13.473123+02:00'));
      expect(created.spec.renewTime).toBe('2026-12-01T08:05:13.473123Z');
    });

    it('refuses the same on update and answers a patch that produces it with 422 on the patch field', () => {
      const { api, leases } = setup();
      const created = api.create(leases, lease('2026-12-01T08:05:13.473000Z'));
      expect(errorOf(() => api.update(leases, 'leader', { ...created, spec: { ...created.spec, renewTime: '2026-12-01T08:05:14Z' } })).code).toBe(400);
      const patched = errorOf(() => api.patch(leases, 'leader', 'merge', { spec: { renewTime: '2026-12-01T08:05:14.1Z' } }));
      expect(patched.code).toBe(422);
      expect(patched.details?.causes?.[0]).toMatchObject({ field: 'patch', reason: 'FieldValueInvalid' });
      expect(patched.message).toContain('cannot parse ".1Z" as ".000000"');
    });

    it('checks core/v1 Event eventTime too, and null stays null', () => {
      const { api, events } = setup();
      const event = (eventTime: unknown) => ({
        metadata: { name: `e${Math.random().toString(36).slice(2, 8)}` },
        involvedObject: { kind: 'Pod', name: 'p', namespace: 'demo' },
        reason: 'Started',
        firstTimestamp: '2026-12-01T08:05:13.473Z',
        eventTime,
      });
      expect(errorOf(() => api.create(events, event('2026-12-01T08:05:13.473Z'))).message).toMatch(/^Event in version "v1" cannot be handled as a Event: parsing time/);
      const created = api.create(events, event(null));
      expect(created.eventTime).toBeNull();
      expect(created.firstTimestamp).toBe('2026-12-01T08:05:13Z');
    });
  });

  describe('Time', () => {
    it('writes condition times back in whole seconds and refuses a non-time', () => {
      const { api, pods } = setup();
      const created = api.create(pods, { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x:1' }] } });
      const withStatus = api.update(api.scope('', 'v1', 'pods', 'demo', 'status'), 'p', {
        ...created,
        status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', lastTransitionTime: '2026-12-01T08:05:13.473Z', lastProbeTime: null }] },
      });
      expect(withStatus.status.conditions[0]).toMatchObject({ lastTransitionTime: '2026-12-01T08:05:13Z', lastProbeTime: null });
      const error = errorOf(() =>
        api.update(api.scope('', 'v1', 'pods', 'demo', 'status'), 'p', { ...withStatus, status: { startTime: 'yesterday' } }),
      );
      expect(error.message).toBe(
        'Pod in version "v1" cannot be handled as a Pod: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
      );
    });
  });

  describe('quantities', () => {
    const pod = (resources: unknown, volumes: unknown[] = []): KubeObject => ({
      metadata: { name: `p${Math.random().toString(36).slice(2, 8)}` },
      spec: { containers: [{ name: 'c', image: 'x:1', resources }], volumes },
    });

    it('canonicalizes requests, limits and emptyDir sizes', () => {
      const { api, pods } = setup();
      const created = api.create(
        pods,
        pod({ limits: { cpu: '1000m', memory: '1024Mi', 'nvidia.com/gpu': 1 }, requests: { cpu: '0.5', memory: '2048Ki' } }, [
          { name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '1.5Gi' } },
        ]),
      );
      expect(created.spec.containers[0].resources).toEqual({
        limits: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '1' },
        requests: { cpu: '500m', memory: '2Mi', 'nvidia.com/gpu': '1' },
      });
      expect(created.spec.volumes[0].emptyDir.sizeLimit).toBe('1536Mi');
    });

    it('refuses a malformed quantity with 400 and the apimachinery message', () => {
      const { api, pods } = setup();
      const error = errorOf(() => api.create(pods, pod({ limits: { memory: '16 GB' } })));
      expect(error.code).toBe(400);
      expect(error.message).toBe(
        "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      );
    });

    it('canonicalizes quantities in StatefulSet templates and claim templates, so a re-sent object is a no-op', () => {
      const { api } = setup();
      const sts = api.scope('apps', 'v1', 'statefulsets', 'demo');
      const body = {
        metadata: { name: 's' },
        spec: {
          selector: { matchLabels: { app: 's' } },
          serviceName: 's',
          template: { metadata: { labels: { app: 's' } }, spec: { containers: [{ name: 'c', image: 'x:1', resources: { limits: { memory: '1024Mi' } } }] } },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0.5Gi' } } } }],
        },
      };
      const created = api.create(sts, body);
      expect(created.spec.template.spec.containers[0].resources.limits.memory).toBe('1Gi');
      expect(created.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('512Mi');
      const again = api.patch(sts, 's', 'merge', { spec: body.spec });
      expect(again.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
      expect(again.metadata.generation).toBe(1);
    });
  });
});
