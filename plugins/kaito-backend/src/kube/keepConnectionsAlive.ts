import http from 'node:http';
import https from 'node:https';
import { createHash } from 'node:crypto';
import { KubeConfig } from '@kubernetes/client-node';

/** Connections a cluster's API clients keep open at most (the controller's workers, informer lists and status writes share them). */
const MAX_SOCKETS = 64;
/**
 * An idle kept connection is closed after this long, before the other end
 * closes it (a Node server such as the Kubernetes-plugin relay or the
 * simulator after 5 s): a request sent on a connection the server is just
 * closing fails with ECONNRESET.
 *
 * @internal
 */
export const IDLE_SOCKET_TIMEOUT_MS = 4000;

/** The TLS settings of an agent or request that its connections depend on. @internal */
export interface TlsSettings {
  ca?: unknown;
  cert?: unknown;
  key?: unknown;
  pfx?: unknown;
  passphrase?: string;
  rejectUnauthorized?: boolean;
  servername?: string;
}

/**
 * The identity of the TLS settings a connection depends on (CA, client
 * certificate and key, verification, server name): an agent, and the
 * connections it keeps open, can be kept while it stays the same.
 *
 * @internal
 */
export function tlsIdentity(options: TlsSettings): string {
  const text = (value: unknown) => {
    if (value === undefined) return '';
    return Buffer.isBuffer(value) ? value.toString('base64') : JSON.stringify(value);
  };
  return createHash('sha256')
    .update(JSON.stringify([options.ca, options.cert, options.key, options.pfx, options.passphrase, options.rejectUnauthorized, options.servername].map(text)))
    .digest('base64');
}

/**
 * Lets a replaced agent go without cutting a request: its idle connections
 * close now, and each one in use closes once its response has been read (and
 * any request queued behind it has been served). `agent.destroy()` would also
 * destroy the sockets of requests still in flight.
 *
 * @internal
 */
export function retireAgent(agent: http.Agent): void {
  // Node destroys a socket freed by its request instead of keeping it when this answers false.
  agent.keepSocketAlive = () => false;
  for (const sockets of Object.values(agent.freeSockets)) {
    for (const socket of sockets ?? []) socket.destroy();
  }
}

/**
 * Makes a cluster's API clients reuse their connections. client-node 1.x
 * builds a new `https.Agent` without keep-alive for every request
 * (`KubeConfig.applySecurityAuthentication`), so every read and write opened
 * a new TCP connection and, on a real cluster, a new TLS handshake: at 5,000
 * workspaces that was a large share of the controller's CPU and load on the
 * API server. This keeps one keep-alive agent per cluster instead, replaced
 * when the TLS settings change (a rotated CA or client certificate), the old
 * one closing its connections as their requests finish; the
 * token still goes in each request's headers, so token rotation is
 * unaffected. Proxy agents (`proxy-url`) are left as client-node makes them.
 * Watches have their own long-lived connections and are not affected.
 *
 * @internal
 */
export function keepConnectionsAlive(kubeConfig: KubeConfig): KubeConfig {
  const perRequest = kubeConfig.applySecurityAuthentication.bind(kubeConfig);
  let kept: { identity: string; agent: http.Agent } | undefined;
  kubeConfig.applySecurityAuthentication = async context => {
    await perRequest(context);
    const made = context.getAgent() as http.Agent | undefined;
    // Exactly Node's own agents; a proxy agent (a subclass) is kept as it is.
    if (!made || (made.constructor !== https.Agent && made.constructor !== http.Agent)) return;
    const options = (made as http.Agent & { options: https.AgentOptions }).options;
    const identity = `${made.constructor === https.Agent ? 'https' : 'http'}:${tlsIdentity(options)}`;
    if (kept?.identity !== identity) {
      const Agent = made.constructor as typeof https.Agent;
      if (kept) retireAgent(kept.agent);
      kept = { identity, agent: new Agent({ ...options, keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_SOCKET_TIMEOUT_MS }) };
    }
    made.destroy();
    context.setAgent(kept.agent);
  };
  return kubeConfig;
}
