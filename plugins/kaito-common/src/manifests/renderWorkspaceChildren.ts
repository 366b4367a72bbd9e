import { ConfigMap, Job, Service, StatefulSet } from '../api/kubernetes';
import { NodeClaim } from '../api/nodeClaim';
import { NodePool } from '../api/nodePool';
import { Workspace } from '../api/workspace';
import { renderTuningConfigMap } from './paramsTemplates';
import { RenderContext, resolveRenderContext } from './renderContext';
import { renderInferenceStatefulSet } from './renderInferenceStatefulSet';
import { renderNodeClaims } from './renderNodeClaims';
import { renderNodePool } from './renderNodePool';
import { renderHeadlessService, renderService } from './renderServices';
import { RenderSettings } from './renderSettings';
import { renderTuningJob } from './renderTuningJob';

/**
 * Every object Kaito's controller creates for a workspace.
 *
 * @public
 */
export interface WorkspaceChildren {
  context: RenderContext;
  nodeClaims: NodeClaim[];
  nodePool?: NodePool;
  services: Service[];
  statefulSet?: StatefulSet;
  job?: Job;
  configMaps: ConfigMap[];
}

/**
 * Renders the children of a workspace (kaito.md §2.5–2.10). Pure and deterministic: the
 * same workspace and settings (including `now`) give identical objects.
 *
 * @public
 */
export function renderWorkspaceChildren(workspace: Workspace, settings: RenderSettings): WorkspaceChildren {
  const context = resolveRenderContext(workspace, settings);
  const tuningConfig = renderTuningConfigMap(workspace, context.revision);
  return {
    context,
    nodeClaims: renderNodeClaims(context),
    nodePool: renderNodePool(context),
    services: workspace.inference ? [renderService(context), renderHeadlessService(context)] : [],
    statefulSet: renderInferenceStatefulSet(context),
    job: renderTuningJob(context),
    configMaps: tuningConfig ? [tuningConfig] : [],
  };
}

/**
 * The children as one list, in apply order (config, nodes, services, workload).
 *
 * @public
 */
export function listWorkspaceChildren(children: WorkspaceChildren): (NodeClaim | NodePool | Service | StatefulSet | Job | ConfigMap)[] {
  return [
    ...children.configMaps,
    ...children.nodeClaims,
    ...(children.nodePool ? [children.nodePool] : []),
    ...children.services,
    ...(children.statefulSet ? [children.statefulSet] : []),
    ...(children.job ? [children.job] : []),
  ];
}

/**
 * The namespaced objects of a workspace for a resolved context: Services, the inference
 * StatefulSet or the tuning Job, and the tuning ConfigMap. Node objects (NodeClaims,
 * NodePool) are left out because a controller creates those separately, by count.
 *
 * @public
 */
export function renderWorkloadObjects(context: RenderContext): (Service | StatefulSet | Job | ConfigMap)[] {
  const { workspace } = context;
  const tuningConfig = renderTuningConfigMap(workspace, context.revision);
  const statefulSet = renderInferenceStatefulSet(context);
  const job = renderTuningJob(context);
  return [
    ...(tuningConfig ? [tuningConfig] : []),
    ...(workspace.inference ? [renderService(context), renderHeadlessService(context)] : []),
    ...(statefulSet ? [statefulSet] : []),
    ...(job ? [job] : []),
  ];
}
