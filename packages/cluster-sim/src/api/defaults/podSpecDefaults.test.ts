import { defaultPodOnly, defaultPodSpec, defaultPodTemplate, imageTag } from './podSpecDefaults';

describe('pod spec defaulting', () => {
  it.each([
    ['nginx', 'latest'],
    ['nginx:latest', 'latest'],
    ['nginx:1.27', '1.27'],
    ['localhost:5000/nginx', 'latest'],
    ['localhost:5000/nginx:2', '2'],
    ['mcr.microsoft.com/aks/kaito/kaito-phi-3:0.0.1', '0.0.1'],
    ['nginx@sha256:abcd', ''],
  ])('reads the tag of %s as %p', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });

  it('gives a template spec exactly the PodSpec, container, probe and volume defaults', () => {
    const template: any = {
      metadata: { labels: { app: 'x' } },
      spec: {
        containers: [
          {
            name: 'model',
            image: 'model:0.1',
            ports: [{ containerPort: 5000 }],
            resources: { limits: { 'nvidia.com/gpu': '1' } },
            livenessProbe: { httpGet: { port: 5000, path: '/health' }, initialDelaySeconds: 600 },
            readinessProbe: { tcpSocket: { port: 5000 } },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
          },
          { name: 'sidecar', image: 'busybox' },
        ],
        volumes: [
          { name: 'dshm', emptyDir: { medium: 'Memory' } },
          { name: 'config', configMap: { name: 'c' } },
          { name: 'secret', secret: { secretName: 's' } },
          { name: 'nothing' },
        ],
      },
    };
    defaultPodTemplate(template);
    expect(template).toEqual({
      metadata: { labels: { app: 'x' }, creationTimestamp: null },
      spec: {
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
        containers: [
          {
            name: 'model',
            image: 'model:0.1',
            imagePullPolicy: 'IfNotPresent',
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            ports: [{ containerPort: 5000, protocol: 'TCP' }],
            // Only a Pod copies limits into requests; a template keeps what it was given.
            resources: { limits: { 'nvidia.com/gpu': '1' } },
            livenessProbe: {
              httpGet: { port: 5000, path: '/health', scheme: 'HTTP' },
              initialDelaySeconds: 600,
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 3,
            },
            readinessProbe: { tcpSocket: { port: 5000 }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }],
          },
          {
            name: 'sidecar',
            image: 'busybox',
            imagePullPolicy: 'Always',
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            resources: {},
          },
        ],
        volumes: [
          { name: 'dshm', emptyDir: { medium: 'Memory' } },
          { name: 'config', configMap: { name: 'c', defaultMode: 420 } },
          { name: 'secret', secret: { secretName: 's', defaultMode: 420 } },
          { name: 'nothing', emptyDir: {} },
        ],
      },
    });
  });

  it('keeps values the client gave, and defaulting twice changes nothing', () => {
    const spec: any = {
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'c', image: 'x:latest', imagePullPolicy: 'Never', readinessProbe: { exec: { command: ['true'] }, periodSeconds: 2 } }],
    };
    defaultPodSpec(spec);
    const once = JSON.stringify(spec);
    defaultPodSpec(spec);
    expect(JSON.stringify(spec)).toBe(once);
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.terminationGracePeriodSeconds).toBe(0);
    expect(spec.containers[0].imagePullPolicy).toBe('Never');
    expect(spec.containers[0].readinessProbe.periodSeconds).toBe(2);
  });

  it('copies limits into missing requests and enables service links on a Pod', () => {
    const spec: any = { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '1' } } }] };
    defaultPodOnly(spec);
    expect(spec.containers[0].resources.requests).toEqual({ cpu: '1', memory: '1Gi' });
    expect(spec.enableServiceLinks).toBe(true);
  });
});
