import { inferenceSetCrd, nodeClaimCrd, nodePoolCrd, workspaceCrd } from '@kaito-backstage/plugin-kaito-common';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createServer as createHttpServer, RequestListener, Server } from 'node:http';
import { createServer as createHttpsServer, Server as HttpsServer } from 'node:https';
import { AddressInfo, Socket } from 'node:net';
import { ResourceApi, ResourceApiHooks } from './api/ResourceApi';
import { AuthorizationLog } from './auth/AuthorizationLog';
import { bootstrapPolicy } from './auth/bootstrapPolicy';
import { ownerReferencesPermissionEnforcement } from './auth/ownerReferencesAdmission';
import { validateRbacObject } from './auth/validateRbacObject';
import { rbacEscalationCheck } from './auth/escalationCheck';
import { RbacAuthorizer } from './auth/RbacAuthorizer';
import { TokenAuthenticator } from './auth/TokenAuthenticator';
import { ControllerContext } from './controllers/ControllerContext';
import { EventRecorder } from './controllers/EventRecorder';
import { GarbageCollector } from './controllers/GarbageCollector';
import { NamespaceController } from './controllers/NamespaceController';
import { NodeLifecycleController } from './controllers/NodeLifecycleController';
import { NodeClaimProvisioner, nodeStatus } from './controllers/NodeClaimProvisioner';
import { NodePoolController } from './controllers/NodePoolController';
import { nodeShapeFor } from './controllers/nodeShape';
import { Scheduler } from './controllers/Scheduler';
import { DeploymentController } from './controllers/DeploymentController';
import { JobController } from './controllers/JobController';
import { Kubelet } from './controllers/Kubelet';
import { PodLogs } from './controllers/PodLogs';
import { ReplicaSetController } from './controllers/ReplicaSetController';
import { StatefulSetController } from './controllers/StatefulSetController';
import { createModelServerProxy } from './modelServer/serviceProxy';
import { installCrds } from './crds/installCrds';
import { FaultInjector } from './faults';
import { createRouter } from './http/router';
import { renderKubeconfig } from './kubeconfig';
import { ClusterSimulatorOptions } from './options';
import { ResourceRegistry } from './registry/ResourceRegistry';
import { readSnapshot, SnapshotWriter } from './snapshot';
import { ObjectStore } from './store/ObjectStore';
import { formatTimestamp, KubeObject, systemClock } from './types';
import { WatchHub } from './watch/WatchHub';
import { createSelfSignedServingCertificate } from './tls/selfSignedCertificate';

/** A running simulator. @public */
export interface ClusterSimulator {
  /** Base URL, e.g. `https://127.0.0.1:40123` (`http://` with `tls: false`). */
  url: string;
  /** The admin's bearer token (user `kubernetes-admin`, group `system:masters`: allowed everything). */
  token: string;
  /**
   * A bearer token of an existing ServiceAccount (404 NotFound otherwise), valid until the
   * ServiceAccount is deleted; its rights are what RBAC grants `system:serviceaccount:NS:NAME`.
   */
  serviceAccountToken(namespace: string, name: string): Promise<string>;
  /** Records the authorization decisions of HTTP requests while started. */
  authorizationLog: AuthorizationLog;
  /**
   * Base64 of the PEM CA certificate that signed the serving certificate, for clients that verify
   * it (kubeconfig `certificate-authority-data`, client-node `caData`); undefined with `tls: false`.
   */
  caData?: string;
  /** A kubeconfig for this simulator. */
  kubeconfigYaml(): string;
  /** Writes the kubeconfig to a file (mode 0600). */
  writeKubeconfig(path: string): Promise<void>;
  /** Direct access to the stored objects (for tests; copies in and out). */
  store: ObjectStore;
  /** The API semantics, for tests that seed objects without HTTP. */
  api: ResourceApi;
  /** Failure injection. */
  faults: FaultInjector;
  /** Installs more CRDs. */
  installCrds(crds: readonly KubeObject[]): void;
  /** Stops serving, ends watches, stops the behaviour loops, and saves the snapshot. */
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): void;
}

/** The CRDs installed by default: Kaito's Workspace and InferenceSet, Karpenter's NodeClaim and NodePool, from the domain library. */
async function defaultCrds(): Promise<KubeObject[]> {
  return [workspaceCrd, inferenceSetCrd, nodeClaimCrd, nodePoolCrd] as unknown as KubeObject[];
}

/**
 * Starts a simulated Kubernetes API server on 127.0.0.1 with the cluster behaviour switched on
 * by the options: the embedded default cluster of the portal and the test bed of the suite.
 * @public
 */
export async function startClusterSimulator(options: ClusterSimulatorOptions = {}): Promise<ClusterSimulator> {
  const clock = options.clock ?? systemClock;
  const token = options.token ?? randomBytes(24).toString('hex');
  const behaviour = options.behaviour ?? {};
  const store = new ObjectStore({ historySize: options.watch?.historySize });
  const registry = new ResourceRegistry();
  const kubeletEnabled = behaviour.kubelet?.enabled !== false;
  // Bound once the authorizer exists; until then (bootstrap, snapshot restore) there is no request user.
  let admitOwnerReferences: NonNullable<ResourceApiHooks['validateWrite']> = () => undefined;
  let admitRbacWrite: NonNullable<ResourceApiHooks['validateWrite']> = () => undefined;
  const api = new ResourceApi({
    store,
    registry,
    clock,
    hooks: {
      deletePodGracefully: pod => kubeletEnabled && Boolean(pod.spec?.nodeName),
      validateWrite: (scope, next, previous) => {
        validateRbacObject(scope, next, previous);
        admitRbacWrite(scope, next, previous);
        admitOwnerReferences(scope, next, previous);
      },
    },
  });
  let snapshotWriter: SnapshotWriter | undefined;
  if (options.snapshotPath) {
    const snapshot = await readSnapshot(options.snapshotPath);
    if (snapshot) {
      store.restore(snapshot);
      for (const crd of store.peekAll('customresourcedefinitions.apiextensions.k8s.io')) registry.registerCrd(crd);
    }
  }
  bootstrapCluster(api);
  bootstrapRbac(api);
  if (options.installCrds !== false) installCrds(api, await defaultCrds());
  if (options.snapshotPath) snapshotWriter = new SnapshotWriter(store, options.snapshotPath, clock);

  const hub = new WatchHub(store, {
    clock,
    bookmarkIntervalMs: options.watch?.bookmarkIntervalMs,
    defaultTimeoutSeconds: options.watch?.defaultTimeoutSeconds,
    maxPendingBytes: options.watch?.maxPendingBytes,
  });
  const storageKeyOfPlural = (plural: string) => {
    const type = registry.all().find(t => t.plural === plural);
    return type && (type.group ? `${type.plural}.${type.group}` : type.plural);
  };
  const faults = new FaultInjector(
    resource => {
      if (!resource) return hub.closeAll();
      const key = storageKeyOfPlural(resource);
      return key ? hub.closeAll(key) : 0;
    },
    resource => {
      const key = resource && storageKeyOfPlural(resource);
      // An unknown resource has no history to expire.
      if (!resource || key) store.expireHistory(key);
    },
  );
  const ctx: ControllerContext = {
    api,
    clock,
    events: new EventRecorder(api, clock),
    onError: options.onControllerError ?? (() => undefined),
  };
  const controllers: Stoppable[] = [new NamespaceController(ctx), new NodeLifecycleController(ctx)];
  if (behaviour.garbageCollector?.enabled !== false) controllers.push(new GarbageCollector(ctx));
  if (behaviour.provisioner?.enabled !== false) {
    controllers.push(
      new NodePoolController(ctx),
      new NodeClaimProvisioner(ctx, {
        delayMs: behaviour.provisioner?.delayMs ?? 3000,
        failures: behaviour.provisioner?.failures ?? {},
      }),
    );
  }
  if (behaviour.scheduler?.enabled !== false) controllers.push(new Scheduler(ctx));
  if (behaviour.workloads?.enabled !== false) {
    controllers.push(new StatefulSetController(ctx), new DeploymentController(ctx), new ReplicaSetController(ctx), new JobController(ctx));
  }
  const logs = new PodLogs(() => clock.now(), behaviour.modelServer?.tokenDelayMs ?? 30);
  if (kubeletEnabled) {
    const failing = behaviour.jobs?.fail;
    controllers.push(
      new Kubelet(
        ctx,
        {
          imagePullMs: behaviour.kubelet?.imagePullMs ?? 1000,
          modelLoadMs: behaviour.kubelet?.modelLoadMs ?? 3000,
          terminationMs: behaviour.kubelet?.terminationMs ?? 200,
          failures: behaviour.kubelet?.failures ?? {},
          jobDurationMs: behaviour.jobs?.durationMs ?? 5000,
          failingJobWorkspaces: new Set(Array.isArray(failing) ? failing : Object.keys(failing ?? {}).filter(k => (failing as Record<string, boolean>)[k])),
        },
        logs,
      ),
    );
  }
  const proxy =
    behaviour.modelServer?.enabled === false ? undefined : createModelServerProxy(api, clock, behaviour.modelServer?.tokenDelayMs ?? 30);

  const tokens = new TokenAuthenticator(store, clock, token, options.users, serviceAccountSigningKey(api));
  const authorizer = new RbacAuthorizer(store);
  const authorizationLog = new AuthorizationLog();
  admitOwnerReferences = ownerReferencesPermissionEnforcement({ authorizer, registry, log: authorizationLog });
  admitRbacWrite = rbacEscalationCheck({ store, authorizer, log: authorizationLog });
  const router = createRouter({
    api,
    hub,
    clock,
    tokens,
    authorizer,
    authorizationLog,
    faults,
    proxy,
    readLog: (namespace, pod, logOptions) => logs.read(namespace, pod, logOptions),
    version: { major: '1', minor: '32', gitVersion: 'v1.32.13-kaito-sim' },
  });
  const { server, caData } = await createApiServer(router, options.tls !== false);
  server.keepAliveTimeout = 65_000;
  if (options.onRequest) server.on('request', options.onRequest);
  // closeAllConnections() misses TLS connections that have not sent a request yet; stop() ends these too.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `${caData ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfigYaml = () => renderKubeconfig(url, token, { caData });
  let stopped = false;

  return {
    url,
    token,
    serviceAccountToken: async (namespace, name) => tokens.issueServiceAccountToken(namespace, name).token,
    authorizationLog,
    caData,
    store,
    api,
    faults,
    kubeconfigYaml,
    writeKubeconfig: async path => {
      await fs.writeFile(path, kubeconfigYaml(), { mode: 0o600 });
    },
    installCrds: crds => installCrds(api, crds),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      controllers.forEach(c => c.stop());
      authorizer.stop();
      hub.stop();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      await snapshotWriter?.close();
    },
  };
}

/** An HTTPS server with a fresh self-signed certificate, or a plain HTTP one. */
async function createApiServer(router: RequestListener, tls: boolean): Promise<{ server: Server | HttpsServer; caData?: string }> {
  if (!tls) return { server: createHttpServer(router) };
  const certificate = await createSelfSignedServingCertificate({ hosts: ['127.0.0.1', 'localhost'] });
  const server = createHttpsServer({ key: certificate.privateKeyPem, cert: certificate.certificatePem }, router);
  return { server, caData: Buffer.from(certificate.caCertificatePem).toString('base64') };
}

const SYSTEM_NODE = 'aks-system-00000000-vmss000000';

const SIGNING_KEY_SECRET = 'cluster-sim-service-account-signing-key';

/**
 * The key service-account tokens are signed with. It lives in a kube-system Secret so that tokens
 * survive a restart from a snapshot (a real server keeps its key in a file, outside the API).
 */
function serviceAccountSigningKey(api: ResourceApi): Buffer {
  const existing = api.store.peek('secrets', 'kube-system', SIGNING_KEY_SECRET);
  if (existing?.data?.key) return Buffer.from(existing.data.key, 'base64');
  const key = randomBytes(32);
  api.create(
    api.scope('', 'v1', 'secrets', 'kube-system'),
    { metadata: { name: SIGNING_KEY_SECRET, namespace: 'kube-system' }, type: 'Opaque', data: { key: key.toString('base64') } },
    { fieldManager: 'kube-apiserver' },
  );
  return key;
}

/** The default cluster roles and bindings, kept as they are when restored from a snapshot. */
function bootstrapRbac(api: ResourceApi) {
  const { clusterRoles, clusterRoleBindings } = bootstrapPolicy();
  const seed = (plural: string, objects: KubeObject[]) => {
    const scope = api.scope('rbac.authorization.k8s.io', 'v1', plural);
    for (const object of objects) {
      if (!api.store.peek(`${plural}.rbac.authorization.k8s.io`, undefined, object.metadata.name!)) {
        api.create(scope, object, { fieldManager: 'kube-apiserver' });
      }
    }
  };
  seed('clusterroles', clusterRoles);
  seed('clusterrolebindings', clusterRoleBindings);
}

/** The namespaces, API Service and system node every cluster starts with. */
function bootstrapCluster(api: ResourceApi) {
  const scope = api.scope('', 'v1', 'namespaces');
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    if (!api.store.peek('namespaces', undefined, name)) api.create(scope, { metadata: { name } }, { fieldManager: 'kube-apiserver' });
  }
  // Like an AKS system node pool: a CPU node for everything that does not need a GPU.
  if (!api.store.peek('nodes', undefined, SYSTEM_NODE)) {
    const shape = nodeShapeFor('Standard_D8s_v5');
    api.create(
      api.scope('', 'v1', 'nodes'),
      { metadata: { name: SYSTEM_NODE, labels: { ...shape.labels, 'kubernetes.io/hostname': SYSTEM_NODE, 'kubernetes.azure.com/mode': 'system' } }, spec: {} },
      { fieldManager: 'kubelet' },
    );
    const node = api.store.peek('nodes', undefined, SYSTEM_NODE)!;
    api.update(api.scope('', 'v1', 'nodes', undefined, 'status'), SYSTEM_NODE, { ...node, status: nodeStatus(shape.capacity, formatTimestamp(Date.now())) }, { fieldManager: 'kubelet' });
  }
  const services = api.scope('', 'v1', 'services', 'default');
  if (!api.store.peek('services', 'default', 'kubernetes')) {
    api.create(
      services,
      {
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { clusterIP: '10.0.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
      },
      { fieldManager: 'kube-apiserver' },
    );
  }
}
