import { HEADER_KUBERNETES_CLUSTER } from '@backstage/plugin-kubernetes-backend';
import { authProviderRefusal, KUBERNETES_PLUGIN_AUTH_PROVIDERS } from './authProviders';
import { KUBERNETES_CLUSTER_HEADER } from './KubernetesPluginClient';

describe('auth providers of the Kubernetes plugin', () => {
  it('uses the cluster header the Kubernetes backend reads', () => {
    expect(KUBERNETES_CLUSTER_HEADER).toBe(HEADER_KUBERNETES_CLUSTER);
  });

  it.each(['serviceAccount', 'aws', 'azure', 'googleServiceAccount'])('lets the server-side provider %s through', provider => {
    expect(authProviderRefusal('c', provider, [])).toBeUndefined();
  });

  it.each([
    ['aks', "it sends the signed-in user's AKS token"],
    ['google', "it sends the signed-in user's Google token"],
    ['oidc', "it sends the signed-in user's OIDC token"],
    ['localKubectlProxy', "it attaches no credential, so the proxy would pass the kaito plugin's own Backstage token on to the cluster"],
  ])('refuses %s, saying why and what to use instead', (provider, why) => {
    const refusal = authProviderRefusal('c', provider, []);
    expect(refusal).toContain(`uses authProvider '${provider}', which the workspace controller cannot use: ${why}`);
    expect(refusal).toContain('azure for Entra ID');
  });

  it('refuses an unknown provider unless listed as server-side', () => {
    expect(authProviderRefusal('c', 'vault', [])).toContain("add 'vault' to kaito.kubernetesPlugin.serverSideAuthProviders");
    expect(authProviderRefusal('c', 'vault', ['vault'])).toBeUndefined();
    expect(authProviderRefusal('c', undefined, [])).toContain("authProvider '(none)'");
  });

  it('covers every provider the Kubernetes backend has built in', () => {
    expect(Object.keys(KUBERNETES_PLUGIN_AUTH_PROVIDERS).sort()).toEqual(
      ['aks', 'aws', 'azure', 'google', 'googleServiceAccount', 'localKubectlProxy', 'oidc', 'serviceAccount'].sort(),
    );
  });
});
