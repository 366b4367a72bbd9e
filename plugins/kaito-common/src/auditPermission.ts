import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read the whole audit log (`GET /audit` without `workspace`): for operators.
 * One workspace's entries need only `kaito.workspace.read` on it. No action
 * attribute, so a generic "allow read" policy does not grant it by accident.
 *
 * @public
 */
export const kaitoAuditReadPermission = createPermission({
  name: 'kaito.audit.read',
  attributes: {},
});
