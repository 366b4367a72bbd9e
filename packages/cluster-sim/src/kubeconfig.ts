import { stringify } from 'yaml';

/** Options of {@link renderKubeconfig}. @public */
export interface KubeconfigOptions {
  /** Name of the cluster, user (`<name>-admin`) and context. @defaultValue 'kaito-sim' */
  name?: string;
  /** Base64 of the PEM CA certificate that signed the server's certificate. */
  caData?: string;
}

/**
 * A kubeconfig (YAML) for a simulator at a URL with a bearer token. With `caData` the client
 * verifies the server's certificate against it; without (plain HTTP), the cluster carries
 * `insecure-skip-tls-verify`, which `@kubernetes/client-node` needs before it talks to http://.
 * @public
 */
export function renderKubeconfig(url: string, token: string, options: string | KubeconfigOptions = {}): string {
  const { name = 'kaito-sim', caData } = typeof options === 'string' ? { name: options } : options;
  const cluster = caData ? { server: url, 'certificate-authority-data': caData } : { server: url, 'insecure-skip-tls-verify': true };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster }],
    users: [{ name: `${name}-admin`, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
