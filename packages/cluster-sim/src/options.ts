import type { IncomingMessage } from 'node:http';
import type { StaticUser } from './auth/TokenAuthenticator';
import { Clock } from './types';

/** Pod failures the simulated kubelet can inject. @public */
export type ContainerFailure = 'ImagePullBackOff' | 'CrashLoopBackOff' | 'OOMKilled';

/** NodeClaim launch failures the simulated provisioner can inject. @public */
export type LaunchFailure = 'QuotaExceeded' | 'InsufficientCapacity';

/** Simulated cluster behaviour; every part can be switched off or tuned. @public */
export interface BehaviourOptions {
  provisioner?: {
    enabled?: boolean;
    /** Time from NodeClaim creation to a Ready node. @defaultValue 3000 */
    delayMs?: number;
    /** Launch failures by instance type. */
    failures?: Record<string, LaunchFailure>;
  };
  scheduler?: { enabled?: boolean };
  kubelet?: {
    enabled?: boolean;
    /** Time to pull images once a pod is bound. @defaultValue 1000 */
    imagePullMs?: number;
    /** Time from container start to Ready for model servers. @defaultValue 3000 */
    modelLoadMs?: number;
    /** Time a terminating pod takes to go. @defaultValue 200 */
    terminationMs?: number;
    /** Failures by image substring or by workspace name (`kaito.sh/workspace` label). */
    failures?: Record<string, ContainerFailure>;
  };
  jobs?: {
    /** How long a Job's pod runs before it completes. @defaultValue 5000 */
    durationMs?: number;
    /** Workspaces (by name) whose Job pods fail. */
    fail?: string[] | Record<string, boolean>;
  };
  modelServer?: {
    enabled?: boolean;
    /** Delay between streamed tokens. @defaultValue 30 */
    tokenDelayMs?: number;
  };
  workloads?: { enabled?: boolean };
  garbageCollector?: { enabled?: boolean };
}

/** Options of {@link startClusterSimulator}. @public */
export interface ClusterSimulatorOptions {
  /** Port on 127.0.0.1; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** The admin's bearer token (group `system:masters`); random when omitted. */
  token?: string;
  /** More users with fixed tokens, like `--token-auth-file`; RBAC decides what they may do. */
  users?: StaticUser[];
  /**
   * Serve HTTPS with a certificate for 127.0.0.1 and localhost signed by a CA generated at start
   * (its PEM is `caData` and in the kubeconfig); `false` serves plain HTTP. kubectl sends bearer
   * tokens only over HTTPS. @defaultValue true
   */
  tls?: boolean;
  /** File the state is saved to and restored from. */
  snapshotPath?: string;
  /** Install the Kaito Workspace and Karpenter NodeClaim/NodePool CRDs. @defaultValue true */
  installCrds?: boolean;
  behaviour?: BehaviourOptions;
  /** Watch tuning. */
  watch?: { bookmarkIntervalMs?: number; defaultTimeoutSeconds?: number; historySize?: number; maxPendingBytes?: number };
  /** Time source for the behaviour loops and timestamps. */
  clock?: Clock;
  /** Called when a simulated controller fails unexpectedly. */
  onControllerError?: (controller: string, key: string, error: unknown) => void;
  /**
   * Sees each HTTP request as it arrives, before it is answered, and answers nothing: for a
   * benchmark that counts requests without putting a proxy (and its CPU) in front of the server.
   */
  onRequest?: (request: IncomingMessage) => void;
}
