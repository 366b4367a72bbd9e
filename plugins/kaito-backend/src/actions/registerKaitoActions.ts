import { AuthService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AuditTrail } from '../service/auditTrail';
import { WorkspaceService } from '../service/WorkspaceService';
import { registerCheckWorkspaceFitAction } from './checkWorkspaceFitAction';
import { registerCreateWorkspaceAction } from './createWorkspaceAction';
import { registerListWorkspacesAction } from './listWorkspacesAction';

/**
 * Registers the plugin's actions with Backstage's actions registry (`kaito:list-workspaces`,
 * `kaito:check-workspace-fit`, `kaito:create-workspace`), so the portal's MCP server and other
 * plugins can use them. Each runs through the same WorkspaceService and access checks as the
 * REST API.
 *
 * @internal
 */
export function registerKaitoActions(
  actionsRegistry: ActionsRegistryService,
  options: { service: WorkspaceService; audit: AuditTrail; auth: AuthService },
): void {
  registerListWorkspacesAction(actionsRegistry, options.service);
  registerCheckWorkspaceFitAction(actionsRegistry, options.service);
  registerCreateWorkspaceAction(actionsRegistry, options);
}
