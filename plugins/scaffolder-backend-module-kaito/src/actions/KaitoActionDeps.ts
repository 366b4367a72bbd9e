import type { KaitoBackendClient } from '../client/KaitoBackendClient';

/** What the `kaito:workspace:*` actions need. @public */
export interface KaitoActionDeps {
  /** Talks to `/api/kaito` on behalf of the task's initiator. */
  client: KaitoBackendClient;
  /**
   * The app path of the LLM workspaces page (`kaito.portal.workspacesPath`), which the
   * `detailUrl` output starts with.
   * @defaultValue '/kaito'
   */
  workspacesPath?: string;
}
