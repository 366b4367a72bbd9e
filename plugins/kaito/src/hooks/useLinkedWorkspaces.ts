import { useApi } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { parseWorkspaceKey } from '@kaito-backstage/plugin-kaito-common';
import useAsync from 'react-use/esm/useAsync';
import { kaitoApiRef } from '../api/KaitoApi';
import { getAnnotatedWorkspaceKey } from '../annotations';

/** What `useLinkedWorkspaces` reports. @public */
export interface LinkedWorkspaces {
  /** Workspace keys, the annotated one first, without duplicates. */
  keys: string[];
  loading: boolean;
  /** Set only when nothing could be found because the lookup failed. */
  error?: Error;
}

/**
 * The workspaces an entity shows: the one its `backstage.kaito.sh/workspace`
 * (or legacy `kaito.sh/workspace`) annotation names, plus those whose `backstage.kaito.sh/entity-ref` names
 * the entity (`GET /workspaces?entity=`).
 *
 * @public
 */
export function useLinkedWorkspaces(entity: Entity): LinkedWorkspaces {
  const kaitoApi = useApi(kaitoApiRef);
  const annotated = getAnnotatedWorkspaceKey(entity);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => kaitoApi.listWorkspaces({ entity: entityRef }),
    [kaitoApi, entityRef],
  );
  const keys = [
    ...(annotated && parseWorkspaceKey(annotated) ? [annotated] : []),
    ...(value?.items.map(item => item.key) ?? []),
  ];
  const unique = [...new Set(keys)];
  return {
    keys: unique,
    // An annotated workspace can show before the lookup answers.
    loading: loading && unique.length === 0,
    error: unique.length === 0 ? error : undefined,
  };
}
