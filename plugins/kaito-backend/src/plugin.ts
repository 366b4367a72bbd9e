import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef, metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { registerKaitoActions } from './actions/registerKaitoActions';
import { ControllerMetrics } from './controller/metrics/ControllerMetrics';
import { kaitoAuditReadPermission, kaitoPermissions, parseWorkspaceKey, summarizeWorkspace, Workspace } from '@kaito-backstage/plugin-kaito-common';
import { readKaitoConfig } from './config';
import { NO_CLUSTERS_GUIDANCE } from '@kaito-backstage/plugin-kaito-common';
import { kaitoClustersExtensionPoint, KaitoClusterConnector } from '@kaito-backstage/plugin-kaito-node';
import { ClusterManager } from './cluster/ClusterManager';
import { createKubernetesPluginClusters } from './cluster/kubernetesPlugin/createKubernetesPluginClusters';
import { createReconciler } from './controller/createReconciler';
import { WorkspaceNotifier } from './controller/notifications/workspaceNotifications';
import { OwnerQuotaGate } from './controller/ownerQuotaGate';
import { AuditStore } from './database/AuditStore';
import { ChatHistoryStore } from './database/ChatHistoryStore';
import { QuotaStore } from './database/QuotaStore';
import { releaseStoppedGpus, releaseVanishedReservations } from './database/releaseVanishedReservations';
import { WorkspaceAccess } from './service/WorkspaceAccess';
import { AuditTrail } from './service/auditTrail';
import { scheduleAuditRetention } from './database/auditRetention';
import { ChatRateLimiter } from './service/rateLimiter';
import { StreamLimiter } from './service/streamLimiter';
import { createRouter } from './service/router';
import { WorkspaceService } from './service/WorkspaceService';
import { WorkspaceEvents } from './service/WorkspaceEvents';
import { publishWorkspaceChanges } from './service/publishWorkspaceChanges';
import { kaitoWorkspaceResourceRef, kaitoWorkspaceRules } from './service/permissions';

/**
 * The Kaito backend plugin: workspace controller, REST API and chat proxy.
 *
 * @public
 */
export const kaitoPlugin = createBackendPlugin({
  pluginId: 'kaito',
  register(env) {
    const connectors = new Map<string, KaitoClusterConnector>();
    env.registerExtensionPoint(kaitoClustersExtensionPoint, {
      addClusterConnector(connector) {
        if (connectors.has(connector.type)) {
          throw new Error(`A kaito cluster connector for type '${connector.type}' is already installed`);
        }
        connectors.set(connector.type, connector);
      },
    });

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        database: coreServices.database,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        metrics: metricsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        eventsService: eventsServiceRef,
        notifications: notificationService,
      },
      async init({
        logger,
        config,
        httpRouter,
        httpAuth,
        auth,
        discovery,
        permissions,
        permissionsRegistry,
        userInfo,
        catalog,
        database,
        auditor,
        scheduler,
        lifecycle,
        metrics,
        actionsRegistry,
        eventsService,
        notifications,
      }) {
        const kaitoConfig = readKaitoConfig(config);
        // Clusters the Kubernetes plugin lists are known only once it answers.
        if (kaitoConfig.clusters.length === 0 && !kaitoConfig.kubernetesPlugin.enabled) logger.warn(NO_CLUSTERS_GUIDANCE);
        const events = new WorkspaceEvents();
        // The catalog module mirrors a changed workspace on this topic within a second.
        lifecycle.addShutdownHook(publishWorkspaceChanges({ workspaceEvents: events, events: eventsService, logger }));
        const quotas = await QuotaStore.create(database);
        const limitsOf = (owner: string) => kaitoConfig.quotas.groups[owner] ?? kaitoConfig.quotas.default;
        // Sent by the controller that writes the status: only the leader's, once per transition.
        const notifier = new WorkspaceNotifier({ notifications, logger, workspacesPath: kaitoConfig.portal.workspacesPath });
        const clusters = new ClusterManager({
          config: kaitoConfig,
          connectors,
          logger,
          reconcile: cluster =>
            createReconciler(cluster, kaitoConfig, {
              ownerQuota: new OwnerQuotaGate({ cluster: cluster.name, store: quotas, limitsOf, catalog: kaitoConfig.catalog }),
              notifier,
            }),
          metrics: new ControllerMetrics(metrics),
          onCacheEvent: (cluster, event) => events.publish(cluster, event),
          kubernetesPlugin: createKubernetesPluginClusters(kaitoConfig.kubernetesPlugin, { auth, discovery, lifecycle }),
        });
        clusters.start();
        lifecycle.addShutdownHook(() => clusters.stop());

        const access = new WorkspaceAccess({
          auth,
          userInfo,
          permissions,
          catalog,
          placement: kaitoConfig.placement,
          decisionCacheMs: kaitoConfig.permissions.decisionCacheMs,
          getRuleset: () => permissionsRegistry.getPermissionRuleset(kaitoWorkspaceResourceRef),
        });
        const service = new WorkspaceService(clusters, kaitoConfig, logger, quotas, access);
        permissionsRegistry.addResourceType({
          resourceRef: kaitoWorkspaceResourceRef,
          permissions: kaitoPermissions,
          rules: kaitoWorkspaceRules,
          getResources: async keys => keys.map(key => service.resourceAt(key)),
        });
        permissionsRegistry.addPermissions(kaitoPermissions);

        // A workspace deleted in the cluster, or a create that never landed, frees its reservation;
        // a failed or finished one gives back its GPUs.
        await scheduler.scheduleTask({
          id: 'kaito-release-vanished-quota-reservations',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { minutes: 1 },
          scope: 'global',
          fn: async () => {
            const released = await releaseVanishedReservations({
              store: quotas,
              graceMs: 5 * 60_000,
              exists: key => {
                const ref = parseWorkspaceKey(key);
                const cache = ref && clusters.get(ref.cluster)?.controller?.cache;
                return cache ? Boolean(cache.get('Workspace', ref.name, ref.namespace)) : undefined;
              },
            });
            if (released.length) logger.info(`Released the quota reservations of vanished workspaces: ${released.join(', ')}`);
            const gpus = await releaseStoppedGpus({
              store: quotas,
              workspaceOf: key => {
                const ref = parseWorkspaceKey(key);
                const cache = ref && clusters.get(ref.cluster)?.controller?.cache;
                const workspace = ref && cache ? (cache.get('Workspace', ref.name, ref.namespace) as Workspace | undefined) : undefined;
                if (!ref || !workspace) return undefined;
                return { state: workspace.status?.state, gpus: summarizeWorkspace(ref.cluster, workspace, kaitoConfig.catalog).gpuCount };
              },
            });
            if (gpus.released.length) logger.info(`Released the GPUs of failed or finished workspaces: ${gpus.released.join(', ')}`);
            if (gpus.reclaimed.length) logger.info(`Reserved GPUs again for workspaces that run again: ${gpus.reclaimed.join(', ')}`);
          },
        });
        permissionsRegistry.addPermissions([kaitoAuditReadPermission]);

        const audit = await AuditStore.create(database);
        // The rate limit counts in the database, so it holds across replicas.
        const knex = await database.getClient();
        const chatRateLimiter = new ChatRateLimiter(knex, kaitoConfig.chat.requestsPerMinute);
        const chatStreamLimiter = new StreamLimiter(knex, kaitoConfig.chat.maxConcurrentStreamsPerUser);
        const chatHistory = new ChatHistoryStore(knex, kaitoConfig.chat.history);
        await scheduleAuditRetention(scheduler, { audit, chatRateLimiter, chatStreamLimiter, retentionDays: kaitoConfig.audit.retentionDays, logger });
        httpRouter.use(
          await createRouter({ logger, config: kaitoConfig, service, events, audit, auditor, chatRateLimiter, chatStreamLimiter, chatHistory, httpAuth, auth, permissions }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // The same service, checks and audit trail as the REST API, for the portal's MCP actions.
        registerKaitoActions(actionsRegistry, { service, audit: new AuditTrail(auditor, audit), auth });
      },
    });
  },
});
