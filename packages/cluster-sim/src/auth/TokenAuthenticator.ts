import { createHmac, timingSafeEqual } from 'node:crypto';
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

/** The claims of a service-account token, as a real server's TokenRequest writes them. */
interface ServiceAccountClaims {
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  iss: string;
  sub: string;
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } };
}

/** The issuer the simulator's tokens name (kube-apiserver --service-account-issuer). @internal */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

/** Tokens asked for without an expiry (the programmatic helper) last a year. */
const LONG_LIVED_SECONDS = 365 * 24 * 3600;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Bearer-token authentication: the admin token (group `system:masters`), static users, and
 * service-account tokens issued through TokenRequest. A service-account token is a signed JWT
 * with a real one's claims (so it survives a restart from a snapshot with the same signing key);
 * it authenticates as `system:serviceaccount:NS:NAME` while its ServiceAccount (same uid) exists
 * and it has not expired.
 * @public
 */
export class TokenAuthenticator {
  private readonly staticUsers = new Map<string, UserInfo>();

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    adminToken: string,
    users: readonly StaticUser[] = [],
    private readonly signingKey: Buffer = Buffer.from(adminToken),
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
    const claims = this.verify(token);
    if (!claims) return undefined;
    const { namespace, serviceaccount } = claims['kubernetes.io'];
    const account = this.store.peek('serviceaccounts', namespace, serviceaccount.name);
    if (!account || account.metadata.uid !== serviceaccount.uid || this.clock.now() >= claims.exp * 1000) return undefined;
    return {
      name: serviceAccountUserName(namespace, serviceaccount.name),
      uid: serviceaccount.uid,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, AUTHENTICATED_GROUP],
    };
  }

  /**
   * Issues a token for an existing ServiceAccount (404 NotFound otherwise), valid for
   * `expirationSeconds` (a year when omitted) and only while that ServiceAccount exists.
   */
  issueServiceAccountToken(
    namespace: string,
    name: string,
    expirationSeconds = LONG_LIVED_SECONDS,
    audiences: string[] = [SERVICE_ACCOUNT_ISSUER],
  ): { token: string; expiresAt: number } {
    const account = this.store.peek('serviceaccounts', namespace, name);
    if (!account) throw notFound({ group: '', resource: 'serviceaccounts', name });
    const now = Math.floor(this.clock.now() / 1000);
    const claims: ServiceAccountClaims = {
      aud: audiences,
      exp: now + expirationSeconds,
      iat: now,
      nbf: now,
      iss: SERVICE_ACCOUNT_ISSUER,
      sub: serviceAccountUserName(namespace, name),
      'kubernetes.io': { namespace, serviceaccount: { name, uid: account.metadata.uid! } },
    };
    const unsigned = `${base64url({ alg: 'HS256', kid: 'cluster-sim', typ: 'JWT' })}.${base64url(claims)}`;
    return { token: `${unsigned}.${this.sign(unsigned)}`, expiresAt: claims.exp * 1000 };
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.signingKey).update(unsigned).digest('base64url');
  }

  /** The claims of a token this simulator signed, or undefined. */
  private verify(token: string): ServiceAccountClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const actual = Buffer.from(parts[2]);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as ServiceAccountClaims;
      return claims['kubernetes.io']?.serviceaccount?.uid ? claims : undefined;
    } catch {
      return undefined;
    }
  }
}
