import { AuthorizationAttributes, UserInfo } from './attributes';

/** One authorization decision, as recorded for tests. @public */
export type AuthorizationRecord = AuthorizationAttributes & {
  user: string;
  groups: string[];
  allowed: boolean;
  /** `request`: the HTTP request itself; `admission`: a check an admission plugin made while admitting it. */
  source: 'request' | 'admission';
};

/**
 * Records the authorization decisions of HTTP requests while started, so a test can list what a
 * client was refused and which rights it used.
 * @public
 */
export class AuthorizationLog {
  private entries: AuthorizationRecord[] | undefined;

  /** Starts (or restarts) recording, dropping earlier records. */
  start(): void {
    this.entries = [];
  }

  /** Stops recording; the records stay readable. */
  stop(): void {
    const entries = this.entries;
    this.entries = undefined;
    this.stopped = entries ?? this.stopped;
  }

  private stopped: AuthorizationRecord[] = [];

  /** The decisions recorded since the last start. */
  records(): AuthorizationRecord[] {
    return [...(this.entries ?? this.stopped)];
  }

  /** @internal */
  record(user: UserInfo, attributes: AuthorizationAttributes, allowed: boolean, source: AuthorizationRecord['source'] = 'request'): void {
    this.entries?.push({ ...attributes, user: user.name, groups: [...user.groups], allowed, source });
  }
}
