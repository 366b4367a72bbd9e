export interface Config {
  /**
   * Kaito Workspaces: the clusters whose Kaito workspaces the portal manages.
   */
  kaito?: {
    /**
     * Clusters to manage. The entry shape follows the Backstage kubernetes
     * plugin's `clusterLocatorMethods` `type: config` clusters.
     * @default one embedded simulator cluster named `local`
     */
    clusters?: Array<{
      /** Unique name, used in workspace keys `<cluster>/<namespace>/<name>`. */
      name: string;
      /** Human-readable title shown in the portal. @default the name */
      title?: string;
    }>;
  };
}
