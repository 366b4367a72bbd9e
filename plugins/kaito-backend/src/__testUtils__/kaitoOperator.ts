import { KubeConfig, KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';

/** Options of {@link installKaitoOperator}: the Helm release. */
export interface KaitoOperatorRelease {
  /** `helm install <release>`. @default 'kaito-workspace', as Kaito's docs install it */
  release?: string;
  /** `--namespace`. @default 'kaito-workspace' */
  namespace?: string;
  /** The image; a mirror keeps Kaito's path. @default 'mcr.microsoft.com/aks/kaito/workspace:0.12.0' */
  image?: string;
  /** The chart's `replicaCount`. @default 1 */
  replicas?: number;
}

/**
 * The objects Kaito v0.12's Helm chart (charts/kaito/workspace) renders that a
 * portal can see, with the chart's names and labels: the release namespace, the
 * ServiceAccount, the webhook Service, the controller Deployment and the
 * cluster-scoped ValidatingWebhookConfigurations of workspaces and (the chart's
 * enableInferenceSetController is on by default) InferenceSets, which call that
 * Service. The simulator stores the webhook configurations but never calls them.
 */
export function kaitoOperatorObjects(options: KaitoOperatorRelease = {}): KubernetesObject[] {
  const release = options.release ?? 'kaito-workspace';
  const namespace = options.namespace ?? 'kaito-workspace';
  // kaito.fullname: the release name when it contains the chart name ("workspace").
  const fullname = release.includes('workspace') ? release : `${release}-workspace`;
  const selectorLabels = { 'app.kubernetes.io/name': 'workspace', 'app.kubernetes.io/instance': release };
  const labels = {
    'helm.sh/chart': 'workspace-0.12.0',
    'app.kubernetes.io/created-by': 'workspace-0.12.0',
    ...selectorLabels,
    'app.kubernetes.io/version': '0.12.0',
    'app.kubernetes.io/managed-by': 'Helm',
  };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `${fullname}-sa`, namespace, labels } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${fullname}-svc`, namespace, labels },
      spec: {
        type: 'ClusterIP',
        ports: [
          { name: 'http-metrics', port: 8080, targetPort: 'http-metrics', protocol: 'TCP' },
          { name: 'https-webhook', port: 9443, targetPort: 'https-webhook', protocol: 'TCP' },
        ],
        selector: selectorLabels,
      },
    } as KubernetesObject,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: fullname, namespace, labels },
      spec: {
        replicas: options.replicas ?? 1,
        selector: { matchLabels: selectorLabels },
        strategy: { rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: selectorLabels },
          spec: {
            serviceAccountName: `${fullname}-sa`,
            containers: [
              {
                name: 'workspace',
                image: options.image ?? 'mcr.microsoft.com/aks/kaito/workspace:0.12.0',
                imagePullPolicy: 'IfNotPresent',
                args: [
                  '--feature-gates=ModelMirror=false,ModelStreaming=false,disableNodeAutoProvisioning=false,enableAccelerator=false,enableBaseImageAutoUpgrade=false,enableInferenceSetController=true,enableMIG=false,enableMultiRoleInferenceController=false,gatewayAPIInferenceExtension=false,vLLM=true',
                  '--node-provisioner=azure-gpu-provisioner',
                ],
                env: [
                  { name: 'CONFIG_LOGGING_NAME', value: 'kaito-logging-config' },
                  { name: 'WEBHOOK_SERVICE', value: `${fullname}-svc` },
                  { name: 'WEBHOOK_PORT', value: '9443' },
                  { name: 'SYSTEM_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'PRESET_REGISTRY_NAME', value: 'mcr.microsoft.com/aks/kaito' },
                  { name: 'CLOUD_PROVIDER', value: 'azure' },
                  { name: 'CLUSTER_NAME', value: 'kaito' },
                ],
                ports: [
                  { name: 'http-metrics', containerPort: 8080, protocol: 'TCP' },
                  { name: 'https-webhook', containerPort: 9443, protocol: 'TCP' },
                ],
                livenessProbe: { httpGet: { path: '/healthz', port: 8081 }, initialDelaySeconds: 15, periodSeconds: 20 },
                readinessProbe: { httpGet: { path: '/readyz', port: 8081 } },
                resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '10m', memory: '64Mi' } },
              },
            ],
            priorityClassName: 'system-cluster-critical',
          },
        },
      },
    } as KubernetesObject,
    ...['workspace', 'inferenceset'].map(
      kind =>
        ({
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingWebhookConfiguration',
          metadata: { name: `validation.${kind}.kaito.sh`, labels },
          webhooks: [
            {
              name: `validation.${kind}.kaito.sh`,
              admissionReviewVersions: ['v1'],
              clientConfig: { service: { name: `${fullname}-svc`, namespace, port: 9443 } },
              failurePolicy: 'Fail',
              sideEffects: 'None',
              rules: [
                {
                  apiGroups: ['kaito.sh'],
                  apiVersions: kind === 'workspace' ? ['v1alpha1', 'v1beta1'] : ['v1alpha1'],
                  resources: [`${kind}s`],
                  operations: ['CREATE', 'UPDATE'],
                },
              ],
            },
          ],
        }) as KubernetesObject,
    ),
  ];
}

/** Applies {@link kaitoOperatorObjects} with an admin's kubeconfig, as `helm install` would. */
export async function installKaitoOperator(adminKubeConfig: KubeConfig, options: KaitoOperatorRelease = {}): Promise<void> {
  const objects = KubernetesObjectApi.makeApiClient(adminKubeConfig);
  for (const object of kaitoOperatorObjects(options)) await objects.create(object, undefined, undefined, 'helm');
}
