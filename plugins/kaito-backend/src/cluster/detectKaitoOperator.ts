import {
  AdmissionregistrationV1Api,
  AppsV1Api,
  KubeConfig,
  V1Deployment,
  V1ValidatingWebhookConfiguration,
} from '@kubernetes/client-node';
import { apiErrorCode } from '../controller/KubeWriter';

/**
 * Facts of Kaito v0.12's Helm chart (charts/kaito/workspace): templates/webhooks.yaml installs the
 * cluster-scoped ValidatingWebhookConfiguration `validation.workspace.kaito.sh` (failurePolicy Fail)
 * whose webhook of that name calls the chart's Service `<fullname>-svc` in the release namespace;
 * the controller Deployment's `workspace` container runs `mcr.microsoft.com/aks/kaito/workspace`
 * with that Service in `WEBHOOK_SERVICE`.
 *
 * The webhook configuration decides, because only a cluster administrator can create one: a
 * Deployment is something any namespace user can create, so it never decides the mode.
 */
export const KAITO_WORKSPACE_WEBHOOK = 'validation.workspace.kaito.sh';
const IMAGE_PATH = /(^|\/)kaito\/workspace$/;

/** The controller Deployment serving Kaito's webhook, as found in the webhook Service's namespace. @internal */
export interface KaitoOperatorDeployment {
  namespace: string;
  name: string;
  image: string;
  replicas: number;
  readyReplicas: number;
}

/** An installed Kaito operator: its workspace webhook and, when readable, its controller. @internal */
export interface KaitoOperatorInstallation {
  /** metadata.name of the ValidatingWebhookConfiguration. */
  webhookConfiguration: string;
  /** Where the webhook sends admission reviews: the operator's Service (or its URL). */
  service?: { namespace: string; name: string };
  url?: string;
  /** The Deployment in the Service's namespace running Kaito's controller for that Service. */
  deployment?: KaitoOperatorDeployment;
  /** Why no deployment is given, when it could not be read. */
  deploymentUnreadable?: string;
}

/** The image without its tag or digest: `mcr.microsoft.com/aks/kaito/workspace:0.12.0` → `…/kaito/workspace`. */
function imagePath(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/**
 * The Kaito workspace webhooks among a cluster's ValidatingWebhookConfigurations (any
 * configuration name, so a renamed copy still counts), with where each sends its reviews.
 *
 * @internal
 */
export function kaitoWebhooksOf(configurations: readonly V1ValidatingWebhookConfiguration[]): KaitoOperatorInstallation[] {
  const found: KaitoOperatorInstallation[] = [];
  for (const configuration of configurations) {
    const hook = configuration.webhooks?.find(w => w.name === KAITO_WORKSPACE_WEBHOOK);
    if (!hook) continue;
    const service = hook.clientConfig.service;
    found.push({
      webhookConfiguration: configuration.metadata?.name ?? '',
      ...(service ? { service: { namespace: service.namespace, name: service.name } } : {}),
      ...(hook.clientConfig.url ? { url: hook.clientConfig.url } : {}),
    });
  }
  return found;
}

/**
 * Whether a Deployment (in the webhook Service's namespace) runs Kaito's controller for that
 * Service: a container gives the Service in `WEBHOOK_SERVICE`, or runs Kaito's workspace image
 * (from any registry, so mirrors count).
 *
 * @internal
 */
export function kaitoControllerOf(deployment: V1Deployment, serviceName: string): KaitoOperatorDeployment | undefined {
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  const controller =
    containers.find(c => (c.env ?? []).some(e => e.name === 'WEBHOOK_SERVICE' && e.value === serviceName)) ??
    containers.find(c => c.image && IMAGE_PATH.test(imagePath(c.image)));
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

/** `ValidatingWebhookConfiguration X (Service ns/name; Deployment ns/name, image, 1/1 ready)`, for messages. @internal */
export function describeKaitoOperator(operator: KaitoOperatorInstallation): string {
  const target = operator.service ? `Service ${operator.service.namespace}/${operator.service.name}` : `URL ${operator.url ?? '(none)'}`;
  const { deployment } = operator;
  let controller: string;
  if (deployment) {
    controller = `Deployment ${deployment.namespace}/${deployment.name}, image ${deployment.image}, ${deployment.readyReplicas}/${deployment.replicas} ready`;
  } else {
    controller = operator.deploymentUnreadable ?? 'no controller Deployment found beside it';
  }
  return `ValidatingWebhookConfiguration ${operator.webhookConfiguration} calls ${target}; ${controller}`;
}

/**
 * An installed Kaito operator decides `observe` even when none of its pods is ready: its webhook
 * (failurePolicy Fail) and its controller own workspaces there, and a second controller would
 * fight it once it runs. Only the cluster-scoped webhook configuration counts (see above).
 *
 * @internal
 */
export function chooseMode(found: readonly KaitoOperatorInstallation[]): ModeDecision {
  const operator = found[0];
  if (!operator) {
    return {
      mode: 'builtin',
      reason: `no Kaito workspace controller is installed there (no ValidatingWebhookConfiguration has Kaito's webhook ${KAITO_WORKSPACE_WEBHOOK}), so this portal reconciles workspaces itself`,
    };
  }
  return {
    mode: 'observe',
    reason: `Kaito's workspace controller is installed (${describeKaitoOperator(operator)}), so it reconciles and this portal only creates, deletes and reads workspaces`,
  };
}

/** Finds Kaito's controller in the webhook Service's namespace; a refused read is described, not thrown. */
async function withController(kubeConfig: KubeConfig, operator: KaitoOperatorInstallation): Promise<KaitoOperatorInstallation> {
  const { service } = operator;
  if (!service) return operator;
  try {
    const list = await kubeConfig.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: service.namespace });
    const deployment = list.items.map(d => kaitoControllerOf(d, service.name)).find(Boolean);
    return deployment ? { ...operator, deployment } : operator;
  } catch (error) {
    return { ...operator, deploymentUnreadable: `its controller Deployment could not be read (HTTP ${apiErrorCode(error) ?? 'error'})` };
  }
}

/**
 * Looks for Kaito's workspace webhook among the cluster's ValidatingWebhookConfigurations, then
 * for the controller beside the Service it calls. An API server without admissionregistration.k8s.io
 * (404) has none; other API errors are thrown: a cluster that cannot be asked has no answer.
 *
 * @internal
 */
export async function findKaitoOperators(kubeConfig: KubeConfig): Promise<KaitoOperatorInstallation[]> {
  let configurations: V1ValidatingWebhookConfiguration[];
  try {
    configurations = (await kubeConfig.makeApiClient(AdmissionregistrationV1Api).listValidatingWebhookConfiguration()).items;
  } catch (error) {
    if (apiErrorCode(error) === 404) return [];
    throw error;
  }
  return Promise.all(kaitoWebhooksOf(configurations).map(operator => withController(kubeConfig, operator)));
}
