import { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationSendOptions, NotificationService } from '@backstage/plugin-notifications-node';
import { DEFAULT_WORKSPACES_PATH, KaitoAnnotations, Workspace, WorkspaceStatus, workspacePagePath } from '@kaito-backstage/plugin-kaito-common';

/** The notifications topic of workspace state changes. @internal */
export const WORKSPACE_NOTIFICATION_TOPIC = 'kaito-workspace';

const conditionMessage = (status: WorkspaceStatus, type: string) =>
  status.conditions?.find(c => c.type === type)?.message;

/**
 * The notification a status change calls for: the workspace became Ready,
 * Failed, or finished tuning; sent to its owner group. Undefined for any
 * other change, or a workspace without an owner. Pure.
 *
 * @internal
 */
export function workspaceNotification(
  cluster: string,
  workspace: Workspace,
  before: WorkspaceStatus | undefined,
  after: WorkspaceStatus,
  /** The app path of the LLM workspaces page (kaito.portal.workspacesPath). */
  workspacesPath = DEFAULT_WORKSPACES_PATH,
): NotificationSendOptions | undefined {
  const owner = workspace.metadata.annotations?.[KaitoAnnotations.backstageOwner];
  if (!owner || before?.state === after.state) return undefined;
  const { name, namespace = 'default' } = workspace.metadata;
  const key = `${cluster}/${namespace}/${name}`;
  const base = {
    link: workspacePagePath(workspacesPath, { cluster, namespace, name }),
    topic: WORKSPACE_NOTIFICATION_TOPIC,
    // Same scope, same notification: a repeat (another replica, a restart) updates it instead of adding one.
    scope: `${WORKSPACE_NOTIFICATION_TOPIC}:${key}:${after.state}`,
  };
  const recipients = { type: 'entity' as const, entityRef: owner };
  const why = conditionMessage(after, 'WorkspaceSucceeded');
  switch (after.state) {
    case 'Ready':
      if (workspace.tuning) return undefined;
      return {
        recipients,
        payload: { ...base, title: `Workspace ${key} is Ready`, description: conditionMessage(after, 'InferenceReady') ?? 'The model is serving; chat with it from its tab.', severity: 'normal' },
      };
    case 'Failed':
      return {
        recipients,
        payload: { ...base, title: `Workspace ${key} failed`, description: why ?? 'The workspace failed.', severity: 'high' },
      };
    case 'Succeeded':
      return {
        recipients,
        payload: { ...base, title: `Tuning ${key} finished`, description: `${why ?? 'The tuning job succeeded'}; the adapter image is in ${workspace.tuning?.output?.image ?? 'its registry'}.`, severity: 'normal' },
      };
    default:
      return undefined;
  }
}

/**
 * Sends workspace notifications through Backstage's notifications service.
 * Called by the controller after it wrote a status, so only the leader
 * sends, once per transition; a failed send is logged, never retried into
 * the reconcile.
 *
 * @internal
 */
export class WorkspaceNotifier {
  constructor(
    private readonly options: {
      notifications: Pick<NotificationService, 'send'>;
      logger: LoggerService;
      /** Where the notifications link to (kaito.portal.workspacesPath). @default /kaito */
      workspacesPath?: string;
    },
  ) {}

  async statusChanged(cluster: string, workspace: Workspace, before: WorkspaceStatus | undefined, after: WorkspaceStatus): Promise<void> {
    const notification = workspaceNotification(cluster, workspace, before, after, this.options.workspacesPath);
    if (!notification) return;
    try {
      await this.options.notifications.send(notification);
    } catch (error) {
      this.options.logger.warn(`Could not send the notification "${notification.payload.title}": ${(error as Error)?.message ?? error}`);
    }
  }
}
