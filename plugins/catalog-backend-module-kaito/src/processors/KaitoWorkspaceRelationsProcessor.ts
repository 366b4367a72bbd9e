import { Entity, getCompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessor, CatalogProcessorEmit, processingResult } from '@backstage/plugin-catalog-node';
import {
  LLM_WORKSPACE_TYPE,
  RELATION_HAS_LLM_WORKSPACE,
  RELATION_LLM_WORKSPACE_OF,
} from '@kaito-backstage/plugin-kaito-common';

/**
 * Emits `hasLlmWorkspace` / `llmWorkspaceOf` between each `llm-workspace`
 * Resource and the entities it is a `dependencyOf`, so the frontend can gate
 * its tab on the served entity's own relations (a tab filter cannot query).
 *
 * @public
 */
export class KaitoWorkspaceRelationsProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'KaitoWorkspaceRelationsProcessor';
  }

  async postProcessEntity(entity: Entity, _location: LocationSpec, emit: CatalogProcessorEmit): Promise<Entity> {
    if (!isLlmWorkspace(entity)) {
      return entity;
    }
    const workspace = getCompoundEntityRef(entity);
    for (const served of servedRefs(entity)) {
      emit(processingResult.relation({ source: served, type: RELATION_HAS_LLM_WORKSPACE, target: workspace }));
      emit(processingResult.relation({ source: workspace, type: RELATION_LLM_WORKSPACE_OF, target: served }));
    }
    return entity;
  }
}

function isLlmWorkspace(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'resource' && entity.spec?.type === LLM_WORKSPACE_TYPE;
}

/** The `spec.dependencyOf` refs, read as the catalog's own processor reads them (kind required, namespace defaulted). */
function servedRefs(entity: Entity) {
  const refs = entity.spec?.dependencyOf;
  if (!Array.isArray(refs)) {
    return [];
  }
  return refs
    .filter((ref): ref is string => typeof ref === 'string')
    .flatMap(ref => {
      try {
        return [parseEntityRef(ref, { defaultNamespace: entity.metadata.namespace ?? 'default' })];
      } catch {
        // The built-in processor reports a malformed ref; a second error would add nothing.
        return [];
      }
    });
}
