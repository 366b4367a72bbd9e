import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { kaitoPlugin } from '../plugin';
import { KaitoPresetPicker } from './KaitoPresetPicker/KaitoPresetPicker';
import { KaitoGpuShapePicker } from './KaitoGpuShapePicker/KaitoGpuShapePicker';

/**
 * Scaffolder field `ui:field: KaitoPresetPicker`: a model preset name.
 *
 * @public
 */
export const KaitoPresetPickerFieldExtension = kaitoPlugin.provide(
  createScaffolderFieldExtension({
    name: 'KaitoPresetPicker',
    component: KaitoPresetPicker,
    schema: {
      returnValue: { type: 'string' },
      uiOptions: {
        type: 'object',
        properties: {
          tuningOnly: {
            type: 'boolean',
            description: 'Offer only presets that support fine-tuning',
          },
        },
      },
    },
  }),
);

/**
 * Scaffolder field `ui:field: KaitoGpuShapePicker`: a GPU instance type the
 * chosen preset fits on.
 *
 * @public
 */
export const KaitoGpuShapePickerFieldExtension = kaitoPlugin.provide(
  createScaffolderFieldExtension({
    name: 'KaitoGpuShapePicker',
    component: KaitoGpuShapePicker,
    schema: {
      returnValue: { type: 'string' },
      uiOptions: {
        type: 'object',
        properties: {
          presetField: {
            type: 'string',
            description: 'Form field with the preset name (default preset)',
          },
          clusterField: {
            type: 'string',
            description: 'Form field with the cluster (default cluster)',
          },
          cluster: {
            type: 'string',
            description:
              'Fixed cluster when the form has no cluster field (default local)',
          },
          ownerField: {
            type: 'string',
            description:
              'Form field with the owner group, for quota (default owner)',
          },
        },
      },
    },
  }),
);
