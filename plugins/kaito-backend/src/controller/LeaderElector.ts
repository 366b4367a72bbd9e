import { CoordinationV1Api, KubeConfig, V1Lease } from '@kubernetes/client-node';
import { toMicroTime } from '../kube/kubeTime';

/** @internal */
export interface LeaderElectorOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  leaseName: string;
  /** Unique per backend replica, e.g. hostname + pid + random. */
  identity: string;
  /** How long a lease lasts without renewal before others may take it. */
  leaseDurationSeconds: number;
  /**
   * How long the leader keeps failing to renew before it stops leading; less
   * than the lease duration, so it steps down before anyone else can lead.
   */
  renewDeadlineSeconds: number;
  /** How often the leader renews and a follower retries. @default 2 */
  retryIntervalSeconds?: number;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
  onError?: (error: unknown) => void;
  /** Clock, replaceable in tests. */
  now?: () => number;
}

function statusCode(error: unknown): number | undefined {
  return (error as { code?: number })?.code;
}

/**
 * Elects one leader per cluster through a coordination.k8s.io Lease, as
 * client-go's leaderelection does: the holder renews before the lease
 * expires; another replica takes over only once it has seen the same record
 * unchanged for a whole lease duration (so clock skew between replicas does
 * not matter). Optimistic concurrency on the Lease decides races.
 *
 * @internal
 */
export class LeaderElector {
  readonly #api: CoordinationV1Api;
  readonly #options: LeaderElectorOptions;
  readonly #now: () => number;
  #leading = false;
  #stopped = true;
  #timer?: ReturnType<typeof setTimeout>;
  /** The last lease record seen, and when this replica saw it change. */
  #observed?: { record: string; at: number };
  #lastRenewAt = 0;

  constructor(options: LeaderElectorOptions) {
    this.#options = options;
    this.#api = options.kubeConfig.makeApiClient(CoordinationV1Api);
    this.#now = options.now ?? Date.now;
  }

  get isLeader(): boolean {
    return this.#leading;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    void this.#tick();
  }

  /**
   * Stops campaigning; a leader releases the lease so another takes over at
   * once, unless `release` is false (as after a crash: the others wait for the
   * lease to expire).
   */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    if (this.#leading) {
      this.#setLeading(false);
      if (options.release === false) return;
      try {
        const lease = await this.#read();
        if (lease?.spec?.holderIdentity === this.#options.identity) {
          lease.spec.holderIdentity = undefined;
          lease.spec.leaseDurationSeconds = 1;
          await this.#api.replaceNamespacedLease({
            name: this.#options.leaseName,
            namespace: this.#options.namespace,
            body: lease,
          });
        }
      } catch (error) {
        this.#options.onError?.(error);
      }
    }
  }

  /** One acquire-or-renew attempt; exported for tests through the class. */
  async tryAcquireOrRenew(): Promise<boolean> {
    const { identity, leaseDurationSeconds, namespace, leaseName } = this.#options;
    const now = this.#now();
    // Lease times are MicroTime: six fractional digits, or a real server refuses the write.
    const nowDate = toMicroTime(new Date(now));
    const lease = await this.#read();
    if (!lease) {
      try {
        await this.#api.createNamespacedLease({
          namespace,
          body: {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name: leaseName, namespace },
            spec: {
              holderIdentity: identity,
              leaseDurationSeconds,
              acquireTime: nowDate,
              renewTime: nowDate,
              leaseTransitions: 0,
            },
          },
        });
        return true;
      } catch (error) {
        if (statusCode(error) === 409) return false;
        throw error;
      }
    }

    const spec = lease.spec ?? {};
    const record = JSON.stringify([spec.holderIdentity, spec.renewTime, spec.leaseTransitions]);
    if (this.#observed?.record !== record) {
      this.#observed = { record, at: now };
    }
    const holder = spec.holderIdentity;
    const heldByMe = holder === identity;
    const duration = (spec.leaseDurationSeconds ?? leaseDurationSeconds) * 1000;
    const expired = !holder || this.#observed.at + duration <= now;
    if (!heldByMe && !expired) return false;

    lease.spec = {
      ...spec,
      holderIdentity: identity,
      leaseDurationSeconds,
      renewTime: nowDate,
      acquireTime: heldByMe ? spec.acquireTime : nowDate,
      leaseTransitions: (spec.leaseTransitions ?? 0) + (heldByMe ? 0 : 1),
    };
    try {
      await this.#api.replaceNamespacedLease({ name: leaseName, namespace, body: lease });
      return true;
    } catch (error) {
      if (statusCode(error) === 409) return false;
      throw error;
    }
  }

  async #read(): Promise<V1Lease | undefined> {
    try {
      return await this.#api.readNamespacedLease({
        name: this.#options.leaseName,
        namespace: this.#options.namespace,
      });
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw error;
    }
  }

  async #tick(): Promise<void> {
    if (this.#stopped) return;
    const { renewDeadlineSeconds } = this.#options;
    let acquired = false;
    try {
      acquired = await this.tryAcquireOrRenew();
      if (acquired) this.#lastRenewAt = this.#now();
    } catch (error) {
      this.#options.onError?.(error);
    }
    if (this.#stopped) return;
    if (acquired) {
      this.#setLeading(true);
    } else if (
      this.#leading &&
      this.#now() - this.#lastRenewAt >= renewDeadlineSeconds * 1000
    ) {
      // Could not renew in time: step down before the lease expires for others.
      this.#setLeading(false);
    } else if (this.#leading && !acquired) {
      // Lost a race or the lease moved to another holder.
      const lease = await this.#read().catch(() => undefined);
      if (lease?.spec?.holderIdentity !== this.#options.identity) {
        this.#setLeading(false);
      }
    }
    const retryMs = (this.#options.retryIntervalSeconds ?? 2) * 1000;
    this.#timer = setTimeout(() => void this.#tick(), retryMs);
  }

  #setLeading(leading: boolean): void {
    if (leading === this.#leading) return;
    this.#leading = leading;
    if (leading) this.#options.onStartedLeading();
    else this.#options.onStoppedLeading();
  }
}
