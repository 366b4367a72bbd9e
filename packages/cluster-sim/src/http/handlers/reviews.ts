import { AuthorizationAttributes } from '../../auth/attributes';
import { MASTERS_GROUP } from '../../auth/bootstrapPolicy';
import { SERVICE_ACCOUNT_ISSUER } from '../../auth/TokenAuthenticator';
import { PolicyRule } from '../../auth/policyRules';
import { badRequest, invalid, methodNotAllowed } from '../../errors';
import { formatTimestamp, KubeObject } from '../../types';
import { HandlerContext } from '../HandlerContext';
import { sendJson } from '../respond';


/** The spec and status of a review answer. */
type Answer = Record<string, unknown>;

const REVIEW_TYPES: Record<string, (ctx: HandlerContext, body: KubeObject) => Answer> = {
  'authorization.k8s.io/selfsubjectaccessreviews': selfSubjectAccessReview,
  'authorization.k8s.io/selfsubjectrulesreviews': selfSubjectRulesReview,
  'authentication.k8s.io/selfsubjectreviews': selfSubjectReview,
};

/** Whether a request addresses one of the create-only review resources. @internal */
export function isReviewResource(ctx: HandlerContext): boolean {
  return `${ctx.scope.type.group}/${ctx.scope.type.plural}` in REVIEW_TYPES;
}

/** POST of a review: answered from the caller's identity and rights, never stored. @internal */
export async function handleReview(ctx: HandlerContext, method: string): Promise<void> {
  if (method !== 'POST' || ctx.name) throw methodNotAllowed();
  const body = ((await ctx.body()) ?? {}) as KubeObject;
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request could not be decoded');
  const answer = REVIEW_TYPES[`${ctx.scope.type.group}/${ctx.scope.type.plural}`](ctx, body);
  sendJson(ctx.res, 201, {
    kind: ctx.scope.type.kind,
    apiVersion: `${ctx.scope.type.group}/${ctx.scope.version}`,
    metadata: { creationTimestamp: null },
    ...answer,
  });
}

function requireUser(ctx: HandlerContext) {
  if (!ctx.user || !ctx.auth) throw methodNotAllowed('authentication is not configured');
  return { user: ctx.user, auth: ctx.auth };
}

function selfSubjectAccessReview(ctx: HandlerContext, body: KubeObject): Answer {
  const { user, auth } = requireUser(ctx);
  const spec = (body.spec ?? {}) as {
    resourceAttributes?: Record<string, string | undefined>;
    nonResourceAttributes?: { path?: string; verb?: string };
  };
  if (Boolean(spec.resourceAttributes) === Boolean(spec.nonResourceAttributes)) {
    throw invalid({ group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', name: '' }, [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.resourceAttributes',
        message: `Invalid value: ${JSON.stringify(spec.resourceAttributes ?? null)}: exactly one of nonResourceAttributes or resourceAttributes must be specified`,
      },
    ]);
  }
  let attributes: AuthorizationAttributes;
  if (spec.resourceAttributes) {
    const r = spec.resourceAttributes;
    attributes = {
      resourceRequest: true,
      verb: r.verb ?? '',
      apiGroup: r.group ?? '',
      apiVersion: r.version ?? '',
      resource: r.resource ?? '',
      ...(r.subresource ? { subresource: r.subresource } : {}),
      ...(r.namespace ? { namespace: r.namespace } : {}),
      ...(r.name ? { name: r.name } : {}),
    };
  } else {
    attributes = { resourceRequest: false, verb: spec.nonResourceAttributes!.verb ?? '', path: spec.nonResourceAttributes!.path ?? '' };
  }
  const decision = auth.authorizer.authorize(user, attributes);
  return { spec, status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) } };
}

function selfSubjectRulesReview(ctx: HandlerContext, body: KubeObject): Answer {
  const { user, auth } = requireUser(ctx);
  const namespace = String((body.spec as { namespace?: string } | undefined)?.namespace ?? '');
  const { rules, errors } = user.groups.includes(MASTERS_GROUP)
    ? { rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }] as PolicyRule[], errors: [] }
    : auth.authorizer.rulesFor(user, namespace);
  const resourceRules = rules
    .filter(r => !r.nonResourceURLs?.length)
    .map(r => ({
      verbs: r.verbs,
      ...(r.apiGroups ? { apiGroups: r.apiGroups } : {}),
      ...(r.resources ? { resources: r.resources } : {}),
      ...(r.resourceNames?.length ? { resourceNames: r.resourceNames } : {}),
    }));
  const nonResourceRules = rules.filter(r => r.nonResourceURLs?.length).map(r => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs }));
  return {
    spec: { namespace },
    status: {
      resourceRules,
      nonResourceRules,
      incomplete: errors.length > 0,
      ...(errors.length ? { evaluationError: errors.join(', ') } : {}),
    },
  };
}

function selfSubjectReview(ctx: HandlerContext): Answer {
  const { user } = requireUser(ctx);
  return { status: { userInfo: { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups } } };
}

const MIN_EXPIRATION_SECONDS = 600;
const DEFAULT_EXPIRATION_SECONDS = 3600;

/**
 * POST serviceaccounts/{name}/token (TokenRequest, as `kubectl create token` sends it): a token
 * for an existing ServiceAccount, valid for `spec.expirationSeconds` (at least 10 minutes, 1 h by default).
 * @internal
 */
export async function handleTokenRequest(ctx: HandlerContext, method: string): Promise<void> {
  if (method !== 'POST') throw methodNotAllowed();
  const { auth } = requireUser(ctx);
  const body = ((await ctx.body()) ?? {}) as KubeObject;
  const spec = (body.spec ?? {}) as { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: unknown };
  const expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (!Number.isInteger(expirationSeconds) || expirationSeconds < MIN_EXPIRATION_SECONDS) {
    throw invalid({ group: 'authentication.k8s.io', resource: 'tokenrequests', kind: 'TokenRequest', name: ctx.name }, [
      { reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes` },
    ]);
  }
  const audiences = spec.audiences?.length ? spec.audiences : [SERVICE_ACCOUNT_ISSUER];
  const { token, expiresAt } = auth.tokens.issueServiceAccountToken(ctx.scope.namespace!, ctx.name!, expirationSeconds, audiences);
  sendJson(ctx.res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: ctx.name, namespace: ctx.scope.namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token, expirationTimestamp: formatTimestamp(expiresAt) },
  });
}
