export interface Config {
  /** Kaito Workspaces for Backstage. */
  kaito?: {
    /**
     * The clusters whose Kaito workspaces the portal manages. The entry shape
     * follows the Backstage kubernetes plugin's `type: config` clusters, so an
     * existing entry can be copied over. With none the portal manages no
     * cluster and says how to add one (in its log, `GET /clusters` and the LLM
     * workspaces page); for a simulated cluster add the backend module
     * `@kaito-backstage/plugin-kaito-backend-module-cluster-simulator` and an
     * entry of `type: simulator`.
     * @default none
     */
    clusters?: Array<{
      /** Unique name, used in workspace keys `<cluster>/<namespace>/<name>`. */
      name: string;
      /** Human-readable title shown in the portal. @default the name */
      title?: string;
      /**
       * `config`: a real API server (url + auth below); `simulator`: an
       * in-process simulated cluster, served by the backend module
       * `@kaito-backstage/plugin-kaito-backend-module-cluster-simulator`.
       * @default 'config'
       */
      type?: 'config' | 'simulator';
      /** API server URL, e.g. `https://my-aks.hcp.eastus.azmk8s.io:443`. */
      url?: string;
      /**
       * How to authenticate: a service-account bearer token, the pod's own
       * service account (`inCluster`) or a kubeconfig file.
       * @default 'serviceAccount'
       */
      authProvider?: 'serviceAccount' | 'inCluster' | 'kubeconfig';
      /**
       * Bearer token for `authProvider: serviceAccount`.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /** Base64 PEM of the API server's CA. */
      caData?: string;
      /** Path to a PEM file with the API server's CA. */
      caFile?: string;
      /** Skip TLS verification of the API server (never in production). @default false */
      skipTLSVerify?: boolean;
      /** Kubeconfig file for `authProvider: kubeconfig`. @default $KUBECONFIG or ~/.kube/config */
      kubeconfigPath?: string;
      /** Context in that kubeconfig. @default its current context */
      kubeconfigContext?: string;
      /**
       * `observe` is the choice where a Kaito operator runs (Kaito's Helm
       * chart): the operator reconciles, and this backend only creates,
       * deletes and reads Workspace objects. `builtin` makes this backend the
       * cluster's Kaito controller (a cluster without Kaito, or the simulator).
       * Unset, the backend looks for the cluster-scoped
       * ValidatingWebhookConfiguration Kaito's Helm chart installs (webhook
       * `validation.workspace.kaito.sh`) when the cluster connects: found,
       * observe; none, builtin. A Deployment, which any namespace user can
       * create, never decides. It logs the choice and why, and manages nothing
       * on that cluster until it could look (which needs list on
       * validatingwebhookconfigurations.admissionregistration.k8s.io).
       * `builtin` set where that webhook exists is an error the cluster's
       * status shows: two controllers would fight.
       * @default observe where that check finds a Kaito operator, else builtin
       */
      mode?: 'builtin' | 'observe';
      /** Cloud of the cluster's GPU nodes, which picks the SKU table. @default 'azure' */
      cloud?: 'azure' | 'aws' | 'arc';
      /**
       * How GPU nodes are provisioned in `builtin` mode: one Karpenter NodeClaim
       * per node (Kaito's gpu-provisioner), a Karpenter NodePool per workspace,
       * or bring-your-own nodes selected by label.
       * @default 'gpu-provisioner'
       */
      provisioner?: 'gpu-provisioner' | 'karpenter' | 'byo';
      /** Karpenter node class for NodeClaims and NodePools. @default 'default' */
      nodeClassName?: string;
      /**
       * With Karpenter, the other NodeClasses (as Kaito's --karpenter-node-classes lists
       * them) a workspace may pick with the kaito.sh/node-class-name annotation; any other
       * value is refused. nodeClassName is always allowed.
       */
      nodeClassNames?: string[];
      /**
       * The Kaito feature gates this cluster's Kaito runs with, as far as they change what
       * a workspace may ask for: GPU partitions on BYO nodes. Both off, as in Kaito v0.12.
       */
      featureGates?: { enableMIG?: boolean; enableAccelerator?: boolean };
      /**
       * Install the shipped Workspace CRD when the cluster has none (needs
       * permission to create CustomResourceDefinitions).
       * @default false
       */
      installCrds?: boolean;
      /**
       * How chat reaches a workspace's model server: `apiServerProxy` through
       * the API server's service proxy (works from anywhere), or `serviceUrl`
       * straight to the Service (only when the portal runs inside that cluster).
       * @default 'apiServerProxy'
       */
      chatVia?: 'apiServerProxy' | 'serviceUrl';
      /**
       * The Service URL for `chatVia: serviceUrl`, with `{name}`, `{namespace}`
       * and `{port}` filled in.
       * @default 'http://{name}.{namespace}.svc.cluster.local:{port}'
       */
      chatServiceUrl?: string;
      /** Options of the embedded simulator (`type: simulator` only). */
      simulator?: {
        /** Loopback port; 0 picks a free one. @default 0 */
        port?: number;
        /** File to keep the simulated cluster's state across restarts. */
        snapshotPath?: string;
        /** Delay before a NodeClaim becomes a Ready node. @default 3000 */
        provisioningDelayMs?: number;
        /** Time a simulated model takes to load. @default 4000 */
        modelLoadMs?: number;
        /** Instance types whose NodeClaims fail, with the simulated reason. */
        instanceTypeFailures?: {
          [instanceType: string]: 'QuotaExceeded' | 'InsufficientCapacity';
        };
      };
    }>;

    /**
     * Clusters taken from `@backstage/plugin-kubernetes-backend`, for a portal
     * that already lists its clusters under `kubernetes.clusterLocatorMethods`
     * (config, catalog, GKE, or a module's supplier). Every request goes
     * through that plugin's `/proxy` with a plugin-to-plugin token, so its
     * server-side auth providers (serviceAccount, aws, azure,
     * googleServiceAccount) apply unchanged; providers that need the signed-in
     * user's token (aks, google, oidc) or attach none (localKubectlProxy) are
     * refused, since the controller runs with no user. Names must be
     * lowercase letters, digits and '-' (they appear in workspace keys).
     */
    kubernetesPlugin?: {
      /** Take clusters from the Kubernetes plugin. @default false */
      enabled?: boolean;
      /** The Kubernetes backend plugin's id. @default 'kubernetes' */
      pluginId?: string;
      /**
       * The clusters to take, by the Kubernetes plugin's name, each with its
       * own Kaito settings over `defaults`.
       * @default every cluster the Kubernetes plugin lists, with `defaults`
       */
      clusters?: Array<{
        /** The cluster's name in the Kubernetes plugin. */
        name: string;
        /** Title shown in the portal. @default the name */
        title?: string;
        /** As in kaito.clusters[]. @default 'builtin' */
        mode?: 'builtin' | 'observe';
        /** As in kaito.clusters[]. @default 'azure' */
        cloud?: 'azure' | 'aws' | 'arc';
        /** As in kaito.clusters[]. @default 'gpu-provisioner' */
        provisioner?: 'gpu-provisioner' | 'karpenter' | 'byo';
        /** As in kaito.clusters[]. @default 'default' */
        nodeClassName?: string;
        /** As in kaito.clusters[]. */
        nodeClassNames?: string[];
        /** As in kaito.clusters[]. */
        featureGates?: { enableMIG?: boolean; enableAccelerator?: boolean };
        /** As in kaito.clusters[]. @default false */
        installCrds?: boolean;
        /** As in kaito.clusters[]; `apiServerProxy` goes through the Kubernetes plugin's proxy too. @default 'apiServerProxy' */
        chatVia?: 'apiServerProxy' | 'serviceUrl';
        /** As in kaito.clusters[]. @default 'http://{name}.{namespace}.svc.cluster.local:{port}' */
        chatServiceUrl?: string;
      }>;
      /** The Kaito settings of every cluster taken, unless the cluster's entry says otherwise. */
      defaults?: {
        /** As in kaito.clusters[]. @default 'builtin' */
        mode?: 'builtin' | 'observe';
        /** As in kaito.clusters[]. @default 'azure' */
        cloud?: 'azure' | 'aws' | 'arc';
        /** As in kaito.clusters[]. @default 'gpu-provisioner' */
        provisioner?: 'gpu-provisioner' | 'karpenter' | 'byo';
        /** As in kaito.clusters[]. @default 'default' */
        nodeClassName?: string;
        /** As in kaito.clusters[]. */
        nodeClassNames?: string[];
        /** As in kaito.clusters[]. */
        featureGates?: { enableMIG?: boolean; enableAccelerator?: boolean };
        /** As in kaito.clusters[]. @default false */
        installCrds?: boolean;
        /** As in kaito.clusters[]; `apiServerProxy` goes through the Kubernetes plugin's proxy too. @default 'apiServerProxy' */
        chatVia?: 'apiServerProxy' | 'serviceUrl';
        /** As in kaito.clusters[]. @default 'http://{name}.{namespace}.svc.cluster.local:{port}' */
        chatServiceUrl?: string;
      };
      /**
       * More auth providers (added through the Kubernetes plugin's auth
       * strategy extension point) whose credential the proxy attaches itself.
       */
      serverSideAuthProviders?: string[];
      /**
       * Without `clusters`: how often to list the Kubernetes plugin's clusters
       * again, to take new ones. @default 300
       */
      refreshIntervalSeconds?: number;
    };

    /** The workspace controller. */
    controller?: {
      /** Workspaces reconciled at once, per cluster. @default 5 */
      workers?: number;
      /** Tuning workspaces. */
      tuning?: {
        /**
         * Seconds after a tuning Job succeeded before the workspace's GPU
         * NodeClaims are deleted (the adapter image stays in its registry;
         * the workspace stays Succeeded and is not provisioned again). false
         * keeps the nodes until the workspace is deleted.
         * @default 60
         */
        releaseNodesAfterSeconds?: number | false;
      };
      /** Leader election through a coordination.k8s.io Lease per cluster. */
      leaderElection?: {
        /** Turn off only when a single backend replica runs. @default true */
        enabled?: boolean;
        /** Namespace of the Lease; the shipped manifests/rbac.yaml grants Leases only there. @default 'kaito-backstage' */
        namespace?: string;
        /** Lease name. @default 'kaito-backstage-controller' */
        leaseName?: string;
        /** How long a lease is valid without renewal. @default 15 */
        leaseDurationSeconds?: number;
        /**
         * How long the leader keeps failing to renew before it stops
         * reconciling; must be less than leaseDurationSeconds, so a leader
         * cut off from the API server steps down before another takes over.
         * @default 10
         */
        renewDeadlineSeconds?: number;
      };
    };

    /** Custom GPU SKUs and model presets, added to Kaito's tables. */
    catalog?: {
      /**
       * Instance types not in Kaito's SKU table, with their GPU shape, e.g.
       * `{ name: Standard_NC8as_H100_v5, gpuCount: 1, gpuMemoryGiB: 94, gpuModel: H100 }`.
       */
      customSkus?: Array<{
        name: string;
        gpuCount: number;
        gpuMemoryGiB: number;
        gpuModel?: string;
        cloud?: string;
        nvme?: boolean;
      }>;
      /** Models not in Kaito's preset table (same fields as the built-in presets). */
      customPresets?: Array<{ name: string; hfRepo: string; weightsGiB: number; [key: string]: unknown }>;
    };

    /**
     * Price of one node per hour, by instance type, used for cost estimates.
     * @default no prices (costs are not shown)
     */
    pricing?: {
      /** ISO 4217 currency code. @default 'USD' */
      currency?: string;
      /** Price per node-hour, e.g. `Standard_NC24ads_A100_v4: 3.67`. */
      perHour: { [instanceType: string]: number };
    };

    /**
     * GPU quotas per owning group. A create reserves its GPUs in the
     * database before the workspace is written, so parallel creates (also on
     * several replicas) cannot pass a quota together; over quota is refused
     * with 403 naming the quota and the current use. In builtin mode a
     * workspace created in the cluster past the portal that is over quota is
     * not provisioned (condition reason OwnerQuotaExceeded).
     */
    quotas?: {
      /** Limits per owning group. */
      groups?: Array<{
        /** The group entity ref, e.g. `group:default/ml-team`. */
        group: string;
        /** GPUs the group's workspaces may use in all, on all clusters. */
        maxGpus?: number;
        /** Workspaces the group may own. */
        maxWorkspaces?: number;
      }>;
      /**
       * Limits for groups not listed; a limit left out does not bound.
       * @default { maxGpus: 2, maxWorkspaces: 2 }
       */
      default?: { maxGpus?: number; maxWorkspaces?: number };
    };

    /**
     * Which groups may place workspaces on which clusters and in which
     * namespaces. A user creates workspaces only for a group they belong to,
     * on the clusters and in the namespaces that group may use; the Secrets a
     * workspace names are those of its namespace. Admins (a permission policy
     * that allows kaito.workspace.create outright) are not bound by it.
     */
    placement?: {
      /**
       * Each group's own namespace: `{group}` is the group's name and
       * `{namespace}` its catalog namespace, made a DNS label
       * (`group:default/ml-team` gets `team-ml-team`).
       * @default 'team-{group}'
       */
      namespaceTemplate?: string;
      /** More namespaces for a group, and the clusters it is limited to. */
      rules?: Array<{
        /** The group entity ref, e.g. `group:default/ml-team`. */
        group: string;
        /** Clusters the group may use. @default every cluster */
        clusters?: string[];
        /** Namespaces the group may use besides its templated one. @default [] */
        namespaces?: string[];
      }>;
    };

    /** The chat proxy. */
    chat?: {
      /** Largest accepted chat request body. @default 65536 */
      maxRequestBytes?: number;
      /** Upper bound on `max_tokens`; larger requests are capped. @default 2048 */
      maxTokens?: number;
      /**
       * Chat requests per user per minute, counted in the plugin's database so
       * the limit holds across backend replicas (fixed one-minute windows).
       * @default 30
       */
      requestsPerMinute?: number;
      /**
       * Chats one user may have in flight at once, counted in the plugin's
       * database across backend replicas; one more is refused with 429 until a
       * reply ends. A replica that dies frees its slots within a minute.
       * @default 2
       */
      maxConcurrentStreamsPerUser?: number;
      /**
       * How long to wait for the model server's first byte (for a reply that
       * is not streamed, that is the whole generation) before answering 504.
       * @default 120000
       */
      upstreamFirstByteTimeoutMs?: number;
      /**
       * How long the model server may stay silent once it has started
       * answering before the chat is cut off.
       * @default 30000
       */
      upstreamIdleTimeoutMs?: number;
      /** Record the prompt text in the audit log. @default false */
      auditPrompts?: boolean;
      /**
       * Chat history, kept per user and workspace in the plugin's database so
       * the chat panel shows it again after a reload; each user sees and
       * clears only their own.
       */
      history?: {
        /** Newest messages kept per user and workspace; older ones are deleted (every 20 messages written, not on every chat). @default 200 */
        maxMessages?: number;
        /** Longest message kept, in characters; longer ones are cut with a note. @default 32000 */
        maxMessageChars?: number;
      };
    };

    /** Checks on what requests may make a cluster do. */
    security?: {
      /**
       * What a create does with a tuning data URL whose host the portal cannot
       * resolve (so it cannot check the address is public): `refuse` it, or
       * accept it with a `warn`ing. Clusters of `type: simulator` always warn,
       * as their Jobs download nothing.
       * @default 'refuse'
       */
      unresolvableDataUrls?: 'refuse' | 'warn';
      /**
       * Whether an administrator may let a workspace whose model is not a catalog
       * preset run with `--trust-remote-code` (the model's own Python code), by
       * setting the Workspace annotation `backstage.kaito.sh/trust-remote-code: "true"`.
       * Catalog presets (built-in or `kaito.catalog` ones) always get the flag, as Kaito renders it.
       * @default false
       */
      allowTrustRemoteCode?: boolean;
    };

    /** How the plugin asks Backstage's permission framework. */
    permissions?: {
      /**
       * Seconds the permission policy's answer to one user's token is kept for
       * workspace permissions (read, create, update, delete, chat,
       * trustRemoteCode), so a user's chats and pages in that time ask the
       * permission backend once. A new token (a new sign-in) is asked afresh;
       * a change of the policy, or of what it reads besides the token, shows
       * within this time. An answer used once it is half this time old is
       * asked for again in the background (so up to twice per this time for a
       * user who keeps working), and a user who keeps working waits on the
       * permission backend only for the first question with each token; no
       * answer older than this is used. 0 asks every time; at most 300.
       * @default 10
       */
      decisionCacheSeconds?: number;
    };

    /** The audit log kept in the plugin's database for the activity card. */
    audit?: {
      /**
       * Days an audit row is kept; an hourly scheduled task deletes older ones.
       * (Backstage's auditor service events go to the logs and are not affected.)
       * @default 90
       */
      retentionDays?: number;
    };

    /** Serving images. */
    images?: {
      /** Registry of Kaito's preset images. @default 'mcr.microsoft.com/aks/kaito' */
      presetRegistry?: string;
      /** Tag of the `kaito-base` serving image. @default '0.5.0' */
      baseImageTag?: string;
      /** Rewrites image prefixes, e.g. to a registry mirror inside the network. */
      mirrors?: Array<{ from: string; to: string }>;
      /** Pull secrets added to every workload. */
      imagePullSecrets?: string[];
      /**
       * Resolve image tags to digests through the OCI distribution API: adapter
       * and tuning input images are checked before use (a missing one is named
       * in the InferenceReady condition), and the serving image is pinned to its
       * digest and recorded in the `backstage.kaito.sh/images` annotation. The
       * backend must reach the registries; only anonymous pulls are supported.
       * @default false
       */
      resolveDigests?: boolean;
      /** Registries reached over plain HTTP, e.g. `registry.local:5000`. @default [] */
      insecureRegistries?: string[];
    };

    /** How the app shows the plugin, for links built in the backend. */
    portal?: {
      /**
       * The app path of the LLM workspaces page: set it where the app mounts the page elsewhere
       * (e.g. `/ai/llm`). Every link built in the backend starts with it: notifications of
       * workspace state changes, the scaffolder actions' `detailUrl` (and `tabUrl` of an
       * InferenceSet without an entity) and the catalog entities' "All LLM workspaces" link.
       * An absolute path without a trailing slash, query or fragment.
       * @default '/kaito'
       */
      workspacesPath?: string;
    };
  };
}
