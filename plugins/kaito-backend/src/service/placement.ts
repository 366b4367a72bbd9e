import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CanonicalEntityRef, canonicalGroupRef } from '@kaito-backstage/plugin-kaito-common';

/** One grant of `kaito.placement.rules`. @internal */
export interface PlacementRule {
  /** Canonical group ref. */
  group: string;
  /** Clusters the group may use; unset: every cluster. */
  clusters?: string[];
  /** Namespaces the group may use besides its templated one. */
  namespaces: string[];
}

/** `kaito.placement`, with defaults applied. @internal */
export interface PlacementConfig {
  namespaceTemplate: string;
  rules: PlacementRule[];
}

/** Each team works in a namespace of its own name. @internal */
export const DEFAULT_NAMESPACE_TEMPLATE = 'team-{group}';

/** Reads `kaito.placement`; group refs are made canonical. @internal */
export function readPlacementConfig(kaito: Config | undefined): PlacementConfig {
  const placement = kaito?.getOptionalConfig('placement');
  const namespaceTemplate = placement?.getOptionalString('namespaceTemplate') ?? DEFAULT_NAMESPACE_TEMPLATE;
  if (!namespaceTemplate.includes('{group}')) {
    throw new InputError(
      `kaito.placement.namespaceTemplate '${namespaceTemplate}' has no {group}; every team would share one namespace. Use e.g. 'team-{group}'`,
    );
  }
  const rules = (placement?.getOptionalConfigArray('rules') ?? []).map((rule, index) => {
    const group = canonicalGroupRef(rule.getString('group'));
    if ('error' in group) throw new InputError(`kaito.placement.rules[${index}].group: ${group.error}`);
    return {
      group: group.ref,
      clusters: rule.getOptionalStringArray('clusters'),
      namespaces: rule.getOptionalStringArray('namespaces') ?? [],
    };
  });
  return { namespaceTemplate, rules };
}

/** A name made a DNS-1123 label: lower-case, runs of other characters as '-', at most 63 characters. */
function toLabel(value: string): string {
  let out = '';
  for (const c of value.toLowerCase()) {
    const ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (ok) out += c;
    else if (!out.endsWith('-')) out += '-';
  }
  return out.slice(0, 63).replace(/^-+|-+$/g, '');
}

/** The namespace the template gives a group, e.g. `team-ml-team` for `group:default/ml-team`. @internal */
export function templatedNamespace(template: string, group: CanonicalEntityRef): string {
  return toLabel(template.replaceAll('{group}', group.name).replaceAll('{namespace}', group.namespace));
}

/** Where a group may place workspaces. @internal */
export interface Placement {
  /** Unset: every cluster. */
  clusters?: string[];
  namespaces: string[];
}

/** The clusters and namespaces a group may use: its templated namespace plus its rules' grants. @internal */
export function placementFor(config: PlacementConfig, group: CanonicalEntityRef): Placement {
  const rules = config.rules.filter(r => r.group === group.ref);
  const namespaces = [templatedNamespace(config.namespaceTemplate, group), ...rules.flatMap(r => r.namespaces)];
  const limited = rules.filter(r => r.clusters);
  return {
    ...(limited.length ? { clusters: [...new Set(limited.flatMap(r => r.clusters!))] } : {}),
    namespaces: [...new Set(namespaces)],
  };
}

/**
 * Why a group may not place a workspace on `cluster`/`namespace`, or
 * undefined when it may. The system namespaces (`kube-*`) are never a team's.
 * Secrets are named by a workspace in its own namespace, so a group that may
 * not use a namespace cannot name its Secrets either.
 *
 * @internal
 */
export function placementRefusal(
  config: PlacementConfig,
  request: { group: CanonicalEntityRef; cluster: string; namespace: string },
): string | undefined {
  const { group, cluster, namespace } = request;
  const allowed = placementFor(config, group);
  if (namespace.startsWith('kube-')) {
    return `Namespace ${namespace} is a Kubernetes system namespace; ${group.ref} may use ${allowed.namespaces.join(', ')}`;
  }
  if (allowed.clusters && !allowed.clusters.includes(cluster)) {
    return `${group.ref} may not use cluster ${cluster}; kaito.placement allows it ${allowed.clusters.join(', ')}`;
  }
  if (!allowed.namespaces.includes(namespace)) {
    return `${group.ref} may not use namespace ${namespace} (nor name its Secrets); it may use ${allowed.namespaces.join(', ')}. An operator grants more in kaito.placement.rules`;
  }
  return undefined;
}
