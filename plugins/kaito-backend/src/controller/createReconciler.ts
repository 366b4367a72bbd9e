import { ClusterConfig, KaitoConfig } from '../config';
import { DesiredState } from './desiredState';
import { reconcileWorkspace } from './reconcileWorkspace';
import { ReconcileFunction } from './WorkspaceController';

/** The reconcile function of one cluster, with its desired-state settings. @internal */
export function createReconciler(cluster: ClusterConfig, config: KaitoConfig): ReconcileFunction {
  const desired = new DesiredState(cluster, config);
  const memory = { pendingNodeClaims: new Map(), writtenFrom: new Map() };
  return (key, context) => reconcileWorkspace(key, { ...context, desired, memory });
}
