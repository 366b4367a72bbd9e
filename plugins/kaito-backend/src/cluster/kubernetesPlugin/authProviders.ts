/**
 * Whether the Kubernetes plugin's proxy can reach a cluster for a backend
 * caller with no user: its built-in auth providers (plugin-kubernetes-backend
 * 0.21 `buildDefaultAuthStrategyMap`), by where the credential comes from.
 *
 * @internal
 */
export const KUBERNETES_PLUGIN_AUTH_PROVIDERS: Record<string, { serverSide: true } | { serverSide: false; why: string }> = {
  serviceAccount: { serverSide: true },
  aws: { serverSide: true },
  azure: { serverSide: true },
  googleServiceAccount: { serverSide: true },
  aks: { serverSide: false, why: "it sends the signed-in user's AKS token from the browser" },
  google: { serverSide: false, why: "it sends the signed-in user's Google token from the browser" },
  oidc: { serverSide: false, why: "it sends the signed-in user's OIDC token from the browser" },
  localKubectlProxy: {
    serverSide: false,
    why: "it attaches no credential, so the proxy would pass the kaito plugin's own Backstage token on to the cluster",
  },
};

/**
 * Why the controller cannot use a cluster with this auth provider through
 * the Kubernetes plugin's proxy, with the fix; undefined when it can.
 *
 * @internal
 */
export function authProviderRefusal(
  cluster: string,
  authProvider: string | undefined,
  extraServerSide: readonly string[],
): string | undefined {
  if (authProvider && extraServerSide.includes(authProvider)) return undefined;
  const known = authProvider ? KUBERNETES_PLUGIN_AUTH_PROVIDERS[authProvider] : undefined;
  if (known?.serverSide) return undefined;
  const fix =
    "give it a server-side authProvider in kubernetes.clusterLocatorMethods (serviceAccount, aws, azure for Entra ID, googleServiceAccount), or list it under kaito.clusters with the portal's own credentials";
  if (known) {
    return `The Kubernetes plugin's cluster '${cluster}' uses authProvider '${authProvider}', which the workspace controller cannot use: ${known.why}, and the controller runs with no user. Fix: ${fix}`;
  }
  return `The Kubernetes plugin's cluster '${cluster}' uses authProvider '${authProvider ?? '(none)'}', which is not known to attach a server-side credential. Fix: ${fix}; or, if a Kubernetes plugin module's strategy attaches one itself, add '${authProvider}' to kaito.kubernetesPlugin.serverSideAuthProviders`;
}
