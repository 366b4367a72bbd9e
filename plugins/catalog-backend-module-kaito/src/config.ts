import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readWorkspacesPath } from '@kaito-backstage/plugin-kaito-common';

/**
 * The full sync is only a backstop: change events mirror each workspace as
 * it changes.
 */
export const DEFAULT_FULL_SYNC_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 1 },
  initialDelay: { seconds: 3 },
};

/** The provider's settings under `catalog.providers.kaito`. @internal */
export interface KaitoProviderConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  appBaseUrl?: string;
  /** kaito.portal.workspacesPath: where the app mounts the LLM workspaces page. */
  workspacesPath: string;
}

/** @internal */
export function readKaitoProviderConfig(config: RootConfigService): KaitoProviderConfig {
  const scheduleConfig = config.getOptionalConfig('catalog.providers.kaito.schedule');
  return {
    schedule: scheduleConfig ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig) : DEFAULT_FULL_SYNC_SCHEDULE,
    appBaseUrl: config.getOptionalString('app.baseUrl'),
    workspacesPath: readWorkspacesPath(config),
  };
}
