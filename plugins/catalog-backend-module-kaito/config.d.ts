import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The Kaito workspace entity provider. */
      kaito?: {
        /**
         * How often every workspace is read again and the whole set replaced:
         * the backstop for `kaito.workspace.changed` events, which mirror each
         * workspace within a second of a change.
         * @default { frequency: { minutes: 10 }, timeout: { minutes: 1 }, initialDelay: { seconds: 3 } }
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
