import { stringify } from 'yaml';

/**
 * A kubeconfig (YAML) for a simulator at a URL with a bearer token. The simulator speaks plain
 * HTTP on loopback; `insecure-skip-tls-verify` is what lets @kubernetes/client-node (which refuses
 * http:// otherwise) and kubectl use it.
 * @public
 */
export function renderKubeconfig(url: string, token: string, name = 'kaito-sim'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: `${name}-admin`, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
