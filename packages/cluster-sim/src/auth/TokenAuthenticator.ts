import { randomBytes } from 'node:crypto';
import { notFound } from '../errors';
import { ObjectStore } from '../store/ObjectStore';
import { Clock } from '../types';
import { UserInfo } from './attributes';
import { AUTHENTICATED_GROUP, MASTERS_GROUP } from './bootstrapPolicy';
import { serviceAccountUserName } from './policyRules';

/** A user with a fixed token, like a line of kube-apiserver's `--token-auth-file`. @public */
export interface StaticUser {
  token: string;
  name: string;
  uid?: string;
  groups?: string[];
}

/** The user the simulator's own `token` authenticates as. @public */
export const ADMIN_USER = 'kubernetes-admin';

interface IssuedToken {
  namespace: string;
  name: string;
  /** The ServiceAccount's uid: a token dies with its ServiceAccount, even if one of the same name returns. */
  uid: string;
  /** Epoch ms, or undefined for tokens that do not expire. */
  expiresAt?: number;
}

/**
 * Bearer-token authentication: the admin token (group `system:masters`), static users, and
 * service-account tokens issued through TokenRequest. A service-account token authenticates as
 * `system:serviceaccount:NS:NAME` while its ServiceAccount (same uid) exists and it has not expired.
 * @public
 */
export class TokenAuthenticator {
  private readonly staticUsers = new Map<string, UserInfo>();
  private readonly issued = new Map<string, IssuedToken>();

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    adminToken: string,
    users: readonly StaticUser[] = [],
  ) {
    this.staticUsers.set(adminToken, { name: ADMIN_USER, groups: [MASTERS_GROUP, AUTHENTICATED_GROUP] });
    for (const user of users) {
      const groups = user.groups ?? [];
      this.staticUsers.set(user.token, {
        name: user.name,
        ...(user.uid ? { uid: user.uid } : {}),
        groups: groups.includes(AUTHENTICATED_GROUP) ? [...groups] : [...groups, AUTHENTICATED_GROUP],
      });
    }
  }

  /** The user a bearer token stands for, or undefined (answered with 401). */
  authenticate(token: string): UserInfo | undefined {
    const user = this.staticUsers.get(token);
    if (user) return user;
    const issued = this.issued.get(token);
    if (!issued) return undefined;
    const account = this.store.peek('serviceaccounts', issued.namespace, issued.name);
    const expired = issued.expiresAt !== undefined && this.clock.now() >= issued.expiresAt;
    if (!account || account.metadata.uid !== issued.uid || expired) {
      this.issued.delete(token);
      return undefined;
    }
    return {
      name: serviceAccountUserName(issued.namespace, issued.name),
      uid: issued.uid,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${issued.namespace}`, AUTHENTICATED_GROUP],
    };
  }

  /**
   * Issues a token for an existing ServiceAccount (404 NotFound otherwise), valid for
   * `expirationSeconds`, or until the ServiceAccount is deleted when omitted.
   */
  issueServiceAccountToken(namespace: string, name: string, expirationSeconds?: number): { token: string; expiresAt?: number } {
    const account = this.store.peek('serviceaccounts', namespace, name);
    if (!account) throw notFound({ group: '', resource: 'serviceaccounts', name });
    const token = `sim-sa.${randomBytes(24).toString('base64url')}`;
    const expiresAt = expirationSeconds === undefined ? undefined : this.clock.now() + expirationSeconds * 1000;
    this.issued.set(token, { namespace, name, uid: account.metadata.uid!, expiresAt });
    return { token, expiresAt };
  }
}
