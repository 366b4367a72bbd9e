import { defaultService } from './serviceDefaults';
import { defaultDeploymentSpec, defaultStatefulSetSpec } from './workloadDefaults';

describe('StatefulSet defaults', () => {
  it.each([
    [
      'an empty spec',
      {},
      {
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        replicas: 1,
        revisionHistoryLimit: 10,
      },
    ],
    [
      'RollingUpdate without rollingUpdate (left without one, as Go does)',
      { updateStrategy: { type: 'RollingUpdate' }, replicas: 2 },
      {
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        replicas: 2,
        revisionHistoryLimit: 10,
      },
    ],
    [
      'OnDelete and a partial retention policy',
      { updateStrategy: { type: 'OnDelete' }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' }, podManagementPolicy: 'Parallel' },
      {
        podManagementPolicy: 'Parallel',
        updateStrategy: { type: 'OnDelete' },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
        replicas: 1,
        revisionHistoryLimit: 10,
      },
    ],
  ])('defaults %s', (_name, spec: any, expected) => {
    defaultStatefulSetSpec(spec);
    expect(spec).toEqual(expected);
  });

  it('defaults claim templates as claims, status phase included', () => {
    const spec: any = { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] };
    defaultStatefulSetSpec(spec);
    expect(spec.volumeClaimTemplates[0]).toEqual({
      metadata: { name: 'data', creationTimestamp: null },
      spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });
});

describe('Deployment defaults', () => {
  it.each([
    [{}, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }],
    [{ strategy: { rollingUpdate: { maxSurge: 1 } } }, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } }],
    [{ strategy: { type: 'Recreate' } }, { type: 'Recreate' }],
  ])('completes the strategy of %j', (spec: any, strategy) => {
    defaultDeploymentSpec(spec);
    expect(spec).toMatchObject({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy });
  });
});

describe('Service defaults', () => {
  it('allocates a cluster IP and defaults families, policies and ports on create', () => {
    const service: any = { metadata: { name: 's' }, spec: { selector: { app: 's' }, ports: [{ port: 80 }, { port: 5000, targetPort: 'http', protocol: 'UDP' }] } };
    defaultService(service, true);
    expect(service.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { port: 5000, targetPort: 'http', protocol: 'UDP' },
      ],
    });
    expect(service.spec.clusterIP).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(service.spec.clusterIPs).toEqual([service.spec.clusterIP]);
    expect(service.status).toEqual({ loadBalancer: {} });
  });

  it('keeps a headless service headless', () => {
    const service: any = { metadata: { name: 'h' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } };
    defaultService(service, true);
    expect(service.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] });
  });

  it('gives NodePort services node ports and the external traffic policy', () => {
    const service: any = { metadata: { name: 'n' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } };
    defaultService(service, true);
    expect(service.spec.externalTrafficPolicy).toBe('Cluster');
    expect(service.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  });
});
