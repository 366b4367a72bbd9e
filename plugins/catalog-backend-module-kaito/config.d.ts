import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  kaito?: {
    portal?: {
      /**
       * The app path of the LLM workspaces page, which each workspace entity's
       * "All LLM workspaces" link (under `app.baseUrl`) points at. The kaito backend
       * plugin reads the same key for its links.
       * @default '/kaito'
       */
      workspacesPath?: string;
    };
  };
  catalog?: {
    providers?: {
      /** The Kaito workspace entity provider. */
      kaito?: {
        /**
         * How often every workspace is read again: the backstop for
         * `kaito.workspace.changed` events, which mirror each workspace within
         * a second of a change. The first sync after start replaces the whole
         * set; later ones write only the entities that differ (usually none).
         * @default { frequency: { minutes: 10 }, timeout: { minutes: 1 }, initialDelay: { seconds: 3 } }
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
