/** A Backstage error body (`{ error: { name, message } }`), as the Kubernetes plugin answers its own refusals. */
export interface BackstageErrorBody {
  name: string;
  message: string;
}

/**
 * The Backstage error in a response body, if it is one: how the Kubernetes
 * plugin's own refusals (a denied permission, an unknown cluster, a failing
 * auth strategy) differ from the cluster's, which are Kubernetes `Status`
 * objects.
 *
 * @internal
 */
export function backstageErrorOf(body: unknown): BackstageErrorBody | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const error = (value as { error?: { name?: unknown; message?: unknown } } | undefined)?.error;
  if (!error || typeof error !== 'object' || typeof error.name !== 'string' || typeof error.message !== 'string') return undefined;
  return { name: error.name, message: error.message };
}

const REFUSAL_FIXES: Record<number, string> = {
  403: "allow the permission 'kubernetes.proxy' to the service principal plugin:kaito",
  404: 'check that the cluster is still listed under kubernetes.clusterLocatorMethods',
};

/**
 * A refusal by the Kubernetes plugin's proxy itself (not by the cluster
 * behind it), in one line with the fix; undefined for anything else.
 *
 * @internal
 */
export function describeKubernetesPluginRefusal(code: number, error: unknown, what: string): string | undefined {
  const refusal = backstageErrorOf((error as { body?: unknown })?.body);
  if (!refusal) return undefined;
  const fix = REFUSAL_FIXES[code] ?? "check the cluster's entry under kubernetes.clusterLocatorMethods and the Kubernetes plugin's log";
  return `The Kubernetes plugin refused${what} (${code} ${refusal.name}: ${refusal.message}). Fix: ${fix}`;
}
