import { AppsV1Api, KubeConfig, V1Deployment } from '@kubernetes/client-node';

/**
 * Facts of Kaito v0.12's Helm chart (charts/kaito/workspace): the controller's
 * Deployment carries the chart's selector label `app.kubernetes.io/name: workspace`
 * (the chart is named `workspace`) and, installed as the docs say
 * (`helm install kaito-workspace`), the name `kaito-workspace`; its container is
 * named after the chart and runs `mcr.microsoft.com/aks/kaito/workspace`, with
 * the webhook's Service in `WEBHOOK_SERVICE`.
 */
const CHART_NAME_LABEL = 'app.kubernetes.io/name=workspace';
const DOCUMENTED_DEPLOYMENT_NAME = 'kaito-workspace';
const IMAGE_PATH = /(^|\/)kaito\/workspace$/;

/** An installed Kaito workspace controller, as found in the cluster. @internal */
export interface KaitoOperatorDeployment {
  namespace: string;
  name: string;
  image: string;
  replicas: number;
  readyReplicas: number;
}

/** The image without its tag or digest: `mcr.microsoft.com/aks/kaito/workspace:0.12.0` → `…/kaito/workspace`. */
function imagePath(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/**
 * Whether a Deployment runs Kaito's workspace controller: one of its containers
 * runs Kaito's workspace image (from any registry, so mirrors count), or is the
 * chart's `workspace` container with the webhook Service in its environment.
 * A Deployment merely named or labelled `workspace` is not enough.
 *
 * @internal
 */
export function kaitoOperatorOf(deployment: V1Deployment): KaitoOperatorDeployment | undefined {
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  const controller = containers.find(
    c =>
      (c.image && IMAGE_PATH.test(imagePath(c.image))) ||
      (c.name === 'workspace' && (c.env ?? []).some(e => e.name === 'WEBHOOK_SERVICE')),
  );
  if (!controller) return undefined;
  return {
    namespace: deployment.metadata?.namespace ?? '',
    name: deployment.metadata?.name ?? '',
    image: controller.image ?? '',
    replicas: deployment.spec?.replicas ?? 1,
    readyReplicas: deployment.status?.readyReplicas ?? 0,
  };
}

/** The mode a cluster with no `mode` set runs in, and why, for the log. @internal */
export interface ModeDecision {
  mode: 'builtin' | 'observe';
  reason: string;
}

/**
 * An installed Kaito operator decides `observe` even when none of its pods is
 * ready: its webhook (failurePolicy Fail) and its controller own workspaces
 * there, and a second controller would fight it once it runs.
 *
 * @internal
 */
export function chooseMode(found: readonly KaitoOperatorDeployment[]): ModeDecision {
  const operator = found[0];
  if (!operator) {
    return {
      mode: 'builtin',
      reason: `no Kaito workspace controller runs there (no Deployment labelled ${CHART_NAME_LABEL} or named ${DOCUMENTED_DEPLOYMENT_NAME} with Kaito's workspace image), so this portal reconciles workspaces itself`,
    };
  }
  return {
    mode: 'observe',
    reason: `Kaito's workspace controller is installed (Deployment ${operator.namespace}/${operator.name}, image ${operator.image}, ${operator.readyReplicas}/${operator.replicas} ready), so it reconciles and this portal only creates, deletes and reads workspaces`,
  };
}

/**
 * Looks for Kaito's workspace controller Deployment in every namespace: by the
 * chart's label and by the documented release name (a renamed release keeps the
 * label; a chart with `selectorLabels` overridden keeps the name). API errors
 * are thrown: a cluster that cannot be asked has no decision.
 *
 * @internal
 */
export async function findKaitoOperators(kubeConfig: KubeConfig): Promise<KaitoOperatorDeployment[]> {
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const [labelled, named] = await Promise.all([
    apps.listDeploymentForAllNamespaces({ labelSelector: CHART_NAME_LABEL }),
    apps.listDeploymentForAllNamespaces({ fieldSelector: `metadata.name=${DOCUMENTED_DEPLOYMENT_NAME}` }),
  ]);
  const byKey = new Map<string, KaitoOperatorDeployment>();
  for (const deployment of [...labelled.items, ...named.items]) {
    const operator = kaitoOperatorOf(deployment);
    if (operator) byKey.set(`${operator.namespace}/${operator.name}`, operator);
  }
  return [...byKey.values()];
}
