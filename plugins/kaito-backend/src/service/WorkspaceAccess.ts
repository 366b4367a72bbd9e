import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult, PolicyDecision, ResourcePermission } from '@backstage/plugin-permission-common';
import { PermissionRuleset, createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CanonicalEntityRef,
  CreateWorkspaceRequest,
  Workspace,
  canonicalEntityRef,
  canonicalGroupRef,
  kaitoWorkspaceCreatePermission,
  kaitoWorkspaceReadPermission,
} from '@kaito-backstage/plugin-kaito-common';
import { KaitoWorkspaceResource, WorkspaceQuery } from './permissions';
import { PlacementConfig, placementRefusal } from './placement';
import { PermissionDecisions } from './PermissionDecisions';

/** Which workspaces a caller may read, with a key equal for every caller of the same policy decision. @internal */
export type ReadableFilter = ((resource: KaitoWorkspaceResource) => boolean) & { key: string };

/** What WorkspaceAccess needs. @internal */
export interface WorkspaceAccessOptions {
  auth: AuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  catalog: CatalogService;
  placement: PlacementConfig;
  /** How long the policy's answer to a caller is kept (kaito.permissions.decisionCacheSeconds); 0 or unset: asked every time. */
  decisionCacheMs?: number;
  /**
   * The rules of the `kaito-workspace` resource type (permissionsRegistry.getPermissionRuleset),
   * asked for on first use: the resource type is registered with the service that uses this.
   */
  getRuleset(): PermissionRuleset<KaitoWorkspaceResource, WorkspaceQuery, 'kaito-workspace'>;
}

/** A create request that passed the identity checks: refs canonical, the caller known. @internal */
export interface AuthorizedCreate {
  request: CreateWorkspaceRequest;
  /** The requesting user's entity ref. */
  requestedBy: string;
  /** Conditions of the policy still to hold for the workspace rendered from the request (undefined: allowed outright). */
  check(workspace: Workspace): void;
}

/**
 * Who may ask for which workspace. The owner must be an existing catalog
 * Group the caller belongs to, the served entity one that group owns, and
 * the cluster and namespace the group's (kaito.placement), unless the
 * permission policy allows `kaito.workspace.create` outright (an admin).
 * Users only: a service, or a token without a user, cannot act for a team.
 *
 * @internal
 */
export class WorkspaceAccess {
  #authorizer?: (decision: PolicyDecision, resource: KaitoWorkspaceResource) => boolean;
  readonly #decisions: PermissionDecisions;

  constructor(private readonly options: WorkspaceAccessOptions) {
    this.#decisions = new PermissionDecisions(options.permissions, options.decisionCacheMs ?? 0);
  }

  /**
   * Which workspaces the caller may read, as one decision: the policy's
   * answer to `kaito.workspace.read` without a resource (allow, deny, or its
   * conditions), applied here to each workspace with the resource type's own
   * rules, as Backstage lets a resource's plugin do. A list of 5,000 asks once.
   */
  async readableFilter(credentials: BackstageCredentials): Promise<ReadableFilter> {
    const decision = await this.#decisions.conditional(credentials, kaitoWorkspaceReadPermission);
    // Callers with the same decision see the same workspaces: the key lets them share a list.
    const key = JSON.stringify(decision.result === AuthorizeResult.CONDITIONAL ? decision.conditions : decision.result);
    if (decision.result === AuthorizeResult.ALLOW) return Object.assign(() => true, { key });
    if (decision.result === AuthorizeResult.DENY) return Object.assign(() => false, { key });
    this.#authorizer ??= createConditionAuthorizer(this.options.getRuleset());
    const authorizer = this.#authorizer;
    return Object.assign((resource: KaitoWorkspaceResource) => authorizer(decision, resource), { key });
  }

  /**
   * Whether the caller holds a workspace permission on a resource the policy cannot look up
   * by key (an InferenceSet, seen as the Workspace its replicas are): the policy's
   * conditional answer applied here, as `readableFilter` does.
   */
  async allowsOn(credentials: BackstageCredentials, permission: ResourcePermission, resource: KaitoWorkspaceResource): Promise<boolean> {
    const decision = await this.#decisions.conditional(credentials, permission);
    if (decision.result !== AuthorizeResult.CONDITIONAL) return decision.result === AuthorizeResult.ALLOW;
    this.#authorizer ??= createConditionAuthorizer(this.options.getRuleset());
    return this.#authorizer(decision, resource);
  }

  /** The user behind the credentials; refuses services and tokens without a user. */
  requireUser(credentials: BackstageCredentials, doing: string): BackstageCredentials<BackstageUserPrincipal> {
    if (!this.options.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        `Only a signed-in user may ${doing}; a ${(credentials.principal as { type?: string }).type ?? "non-user"} principal acts for no team. Call on behalf of the user (auth.getPluginRequestToken({ onBehalfOf }))`,
      );
    }
    return credentials;
  }

  /** Checks a create request against who asks; returns it with canonical refs. Throws InputError or NotAllowedError saying what to change. */
  async authorizeCreate(credentials: BackstageCredentials, request: CreateWorkspaceRequest): Promise<AuthorizedCreate> {
    const user = this.requireUser(credentials, 'create a workspace');
    const decision = await this.#createDecision(user);
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`You are not allowed to create workspaces (kaito.workspace.create); ask an operator for access`);
    }
    const owner = canonicalGroupRef(request.owner);
    if ('error' in owner) throw new InputError(`owner: ${owner.error}`);
    await this.#requireGroup(owner);
    const served = request.entityRef ? await this.#servedEntity(request.entityRef) : undefined;
    const canonical = { ...request, owner: owner.ref, ...(served ? { entityRef: served.ref } : {}) };
    const requestedBy = user.principal.userEntityRef;
    if (decision.result === AuthorizeResult.ALLOW) {
      return { request: canonical, requestedBy, check: () => {} };
    }
    const claims = new Set((await this.options.userInfo.getUserInfo(user)).ownershipEntityRefs.map(r => r.toLowerCase()));
    if (!claims.has(owner.ref)) {
      const groups = [...claims].filter(c => c.startsWith('group:'));
      throw new NotAllowedError(
        `You are not a member of ${owner.ref}; a workspace is owned by one of your groups (${groups.join(', ') || 'you belong to none'})`,
      );
    }
    if (served && !served.owners.some(o => claims.has(o))) {
      throw new NotAllowedError(
        `${served.ref} is owned by ${served.owners.join(', ') || 'nobody'}, not by one of your groups; serve an entity your team owns`,
      );
    }
    const refusal = placementRefusal(this.options.placement, { group: owner, cluster: request.cluster, namespace: request.namespace });
    if (refusal) throw new NotAllowedError(refusal);
    return {
      request: canonical,
      requestedBy,
      check: workspace => {
        this.#authorizer ??= createConditionAuthorizer(this.options.getRuleset());
        if (!this.#authorizer(decision, { cluster: request.cluster, workspace })) {
          throw new NotAllowedError(
            `The permission policy does not allow this workspace (owner ${owner.ref}, cluster ${request.cluster}, namespace ${request.namespace})`,
          );
        }
      },
    };
  }

  #createDecision(credentials: BackstageCredentials): Promise<PolicyDecision> {
    return this.#decisions.conditional(credentials, kaitoWorkspaceCreatePermission);
  }

  async #entity(ref: string): Promise<Entity | undefined> {
    // The plugin's own credentials: whether a group exists must not depend on what the caller may read.
    return this.options.catalog.getEntityByRef(ref, { credentials: await this.options.auth.getOwnServiceCredentials() });
  }

  async #requireGroup(owner: CanonicalEntityRef): Promise<void> {
    if (!(await this.#entity(owner.ref))) {
      throw new InputError(`owner: group ${owner.ref} does not exist in the catalog; choose one of your groups`);
    }
  }

  async #servedEntity(input: string): Promise<{ ref: string; owners: string[] }> {
    const parsed = canonicalEntityRef(input);
    if ('error' in parsed) throw new InputError(`entityRef: ${parsed.error}`);
    const entity = await this.#entity(parsed.ref);
    if (!entity) throw new InputError(`entityRef: ${parsed.ref} does not exist in the catalog; register it first or leave entityRef out`);
    return { ref: parsed.ref, owners: ownersOf(entity) };
  }
}

/** An entity's owners as canonical refs: spec.owner (a group by default, in the entity's namespace) and its ownedBy relations. */
function ownersOf(entity: Entity): string[] {
  const owners = new Set<string>();
  const specOwner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof specOwner === 'string') {
    const parsed = canonicalEntityRef(specOwner, { kind: 'group', namespace: entity.metadata.namespace ?? 'default' });
    if (!('error' in parsed)) owners.add(parsed.ref);
  }
  for (const relation of entity.relations ?? []) {
    if (relation.type === 'ownedBy') owners.add(relation.targetRef.toLowerCase());
  }
  return [...owners];
}
