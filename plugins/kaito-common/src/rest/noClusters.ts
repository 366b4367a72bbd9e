/**
 * What the portal says when `kaito.clusters` lists none: the backend's start-up
 * log line, `GET /clusters` and the LLM workspaces page all show this text.
 *
 * @public
 */
export const NO_CLUSTERS_GUIDANCE =
  'No Kaito clusters are configured, so the portal manages none. ' +
  'Add one under kaito.clusters in app-config.yaml, for example ' +
  '`- { name: aks-prod, url: "https://my-aks.hcp.eastus.azmk8s.io:443", serviceAccountToken: "${KAITO_AKS_TOKEN}", caData: "${KAITO_AKS_CA}", mode: observe }` ' +
  '(mode observe where a Kaito operator runs), ' +
  'or add the backend module @kaito-backstage/plugin-kaito-backend-module-cluster-simulator and ' +
  '`- { name: local, type: simulator, mode: builtin }` for a simulated cluster.';
