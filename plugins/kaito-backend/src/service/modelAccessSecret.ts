import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { InputError } from '@backstage/errors';
import type { Issue } from '@kaito-backstage/plugin-kaito-common';
import { toBackstageError } from './WorkspaceService';

const PATH = 'inference.preset.presetOptions.modelAccessSecret';

/**
 * Checks that the Secret a gated model's workspace names exists in its
 * namespace, so the form says so before Create instead of the pod failing to
 * download the weights. The caller has already passed placement, so this is
 * only ever the caller's own namespace. One `get` of exactly that name (the
 * shipped ClusterRole's only right on Secrets; never `list`), asking for
 * PartialObjectMetadata: the API server sends the name and labels, never the
 * token. A cluster whose ServiceAccount lacks the right gets a warning, not
 * a refusal.
 *
 * @internal
 */
export async function checkModelAccessSecret(
  kubeConfig: KubeConfig,
  namespace: string,
  name: string,
): Promise<Issue | undefined> {
  const status = await getSecretMetadata(kubeConfig, namespace, name);
  if (status === 404) {
    throw new InputError(
      `The workspace request is invalid: ${PATH}: Secret ${name} does not exist in namespace ${namespace}; ` +
        `create it with kubectl create secret generic ${name} --namespace ${namespace} --from-literal=HF_TOKEN=<a Hugging Face token that may read the model>`,
    );
  }
  if (status === 403) {
    return {
      path: PATH,
      severity: 'warning',
      message: `Could not check that Secret ${name} exists in namespace ${namespace}: the portal may not get Secrets there (apply the shipped rbac.yaml)`,
    };
  }
  return undefined;
}

async function getSecretMetadata(kubeConfig: KubeConfig, namespace: string, name: string): Promise<number> {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) throw new Error('The cluster has no API server URL');
  // Appended, not resolved: a server URL may have a path (the Kubernetes plugin's /proxy).
  const url = new URL(`${server.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`);
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  const client = url.protocol === 'https:' ? https : http;
  try {
    return await new Promise<number>((resolve, reject) => {
      const req = client.request(
        url,
        {
          ...options,
          method: 'GET',
          headers: { ...options.headers, Accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1' },
          timeout: 10_000,
        },
        res => {
          res.resume(); // only the status matters; the body is dropped unread
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end();
    }).then(code => {
      if (code === 200 || code === 403 || code === 404) return code;
      throw Object.assign(new Error(`the API server answered ${code}`), { code });
    });
  } catch (error) {
    throw toBackstageError(error, `check Secret ${namespace}/${name}`);
  }
}
