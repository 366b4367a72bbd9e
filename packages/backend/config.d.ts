export interface Config {
  kaito?: {
    /** The portal's permission policy (packages/backend/src/modules/permissionPolicy.ts). */
    policy?: {
      /**
       * `teams`: admins may do everything; users read every workspace and
       * create, chat with and delete those of their groups. `allow-all`:
       * anyone signed in may do everything (the guest demo of app-config.yaml only).
       * @default 'teams'
       */
      mode?: 'teams' | 'allow-all';
      /**
       * Groups whose members may do everything, on every team's workspaces,
       * and are not bound by kaito.placement, e.g. `group:default/platform-admins`.
       * @default []
       */
      admins?: string[];
    };
  };
}
