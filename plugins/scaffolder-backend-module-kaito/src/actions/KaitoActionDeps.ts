import type { KaitoBackendClient } from '../client/KaitoBackendClient';

/** What the `kaito:workspace:*` actions need. @public */
export interface KaitoActionDeps {
  /** Talks to `/api/kaito` on behalf of the task's initiator. */
  client: KaitoBackendClient;
}
