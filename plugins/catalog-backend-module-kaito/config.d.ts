import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The Kaito workspace entity provider. */
      kaito?: {
        /**
         * How often workspaces are mirrored into the catalog.
         * @default { frequency: { seconds: 10 }, timeout: { minutes: 1 }, initialDelay: { seconds: 3 } }
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
