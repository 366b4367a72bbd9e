import { STATUS_CODES } from 'node:http';
import { describeKubernetesPluginRefusal } from '../cluster/kubernetesPlugin/errors';

/** The parts of a Kubernetes `Status` body that explain a refusal. @internal */
export interface KubeStatus {
  code?: number;
  reason?: string;
  message?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
    retryAfterSeconds?: number;
  };
}

const RBAC_FIX = 'grant it with plugins/kaito-backend/manifests/rbac.yaml (ClusterRole kaito-backstage-controller)';
const LEASE_FIX =
  'grant it with plugins/kaito-backend/manifests/rbac.yaml (Role kaito-backstage-controller-leader-election, in the namespace set by kaito.controller.leaderElection.namespace)';

/** Node and TLS error codes, in words, with what to check. */
const NETWORK_ERRORS: Record<string, { what: string; fix: string }> = {
  ECONNREFUSED: { what: 'connection refused', fix: 'check kaito.clusters[].url and that the API server is up' },
  ENOTFOUND: { what: 'host not found', fix: 'check the host name in kaito.clusters[].url' },
  EAI_AGAIN: { what: 'DNS lookup failed', fix: 'check DNS and the host name in kaito.clusters[].url' },
  ETIMEDOUT: { what: 'timed out', fix: 'check that the API server is reachable from the backend (firewall, authorized IP ranges)' },
  ECONNRESET: { what: 'connection reset', fix: 'check that the API server is reachable and healthy; it is retried' },
  EHOSTUNREACH: { what: 'host unreachable', fix: 'check the network path to the API server' },
};
const TLS_ERRORS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not signed by a trusted CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate not signed by a trusted CA',
  CERT_HAS_EXPIRED: 'certificate expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not name this host',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
};
const TLS_FIX = "set kaito.clusters[].caData or caFile to the cluster's CA certificate (skipTLSVerify only for testing)";

/** HTTP status of a Kubernetes API error (client-node ApiException, or a watch's error). @internal */
export function kubeErrorCode(error: unknown): number | undefined {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'number') return code;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/** The `Status` body of a Kubernetes API error, if it carries one. @internal */
export function kubeStatusOf(error: unknown): KubeStatus | undefined {
  let body = (error as { body?: unknown })?.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const status = body as KubeStatus & { kind?: string };
  return status && typeof status === 'object' && (status.kind === 'Status' || typeof status.message === 'string')
    ? status
    : undefined;
}

function networkCodeOf(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

function fixFor(code: number, status: KubeStatus | undefined): string | undefined {
  switch (code) {
    case 401:
      return "check the cluster's credentials (serviceAccountToken or kubeconfig); the token may have expired";
    case 403:
      return status?.details?.kind === 'leases' ? LEASE_FIX : RBAC_FIX;
    case 404:
      // A whole API (a CRD's group) missing, rather than one object.
      return /could not find the requested resource/.test(status?.message ?? '')
        ? 'install the CRD that serves it (plugins/kaito-backend/manifests/crds.yaml, Kaito or Karpenter)'
        : undefined;
    case 409:
      return 'it changed meanwhile or already exists; it is retried with the latest version';
    case 400:
    case 422:
      return 'correct the fields named above';
    case 429:
      return `the API server is throttling; it is retried${status?.details?.retryAfterSeconds ? ` after ${status.details.retryAfterSeconds} s` : ''}`;
    default:
      return code >= 500 ? "it is retried; check the API server's health if it persists" : undefined;
  }
}

/**
 * A Kubernetes API failure in one short line: what was refused, why, and how
 * to fix it, in place of client-node's `HTTP-Code: 403 Message: Unknown API
 * Status Code! Body: "{\"kind\":\"Status\"…` dump. `doing` names the request,
 * e.g. `list events in namespace "team-a"`. Anything that is not a
 * Kubernetes or network error keeps its own message.
 *
 * @internal
 */
export function describeKubeError(error: unknown, doing?: string): string {
  const code = kubeErrorCode(error);
  const status = kubeStatusOf(error);
  const what = doing ? ` to ${doing}` : '';
  const fromKubernetesPlugin = code === undefined ? undefined : describeKubernetesPluginRefusal(code, error, what);
  if (fromKubernetesPlugin) return fromKubernetesPlugin;
  if (code !== undefined) {
    const statusText = STATUS_CODES[code] ?? status?.reason ?? 'Error';
    const causes = (status?.details?.causes ?? [])
      .filter(c => c.message && !(status?.message ?? '').includes(c.message))
      .map(c => (c.field ? `${c.field}: ${c.message}` : c.message));
    const body = (error as { body?: unknown })?.body;
    const plainBody = typeof body === 'string' && !status && body.length < 200 ? body.trim() : undefined;
    const why = [status?.message || plainBody || (error as Error)?.message?.split('\n')[0], ...causes]
      .filter(Boolean)
      .join('; ')
      .replace(/\.$/, '');
    const fix = fixFor(code, status);
    return `Kubernetes refused${what} (${code} ${statusText}): ${why}${fix ? `. Fix: ${fix}` : ''}`;
  }
  const networkCode = networkCodeOf(error);
  const message = (error as Error)?.message ?? String(error);
  if (networkCode && TLS_ERRORS[networkCode]) {
    return `Could not reach the Kubernetes API server${what} (TLS: ${TLS_ERRORS[networkCode]}): ${message}. Fix: ${TLS_FIX}`;
  }
  if (networkCode && NETWORK_ERRORS[networkCode]) {
    const { what: reason, fix } = NETWORK_ERRORS[networkCode];
    return `Could not reach the Kubernetes API server${what} (${reason}): ${message}. Fix: ${fix}`;
  }
  return doing ? `Could not ${doing}: ${message}` : message;
}
