import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { kaitoPlugin } from '../plugin';
import { KaitoPresetPicker } from './KaitoPresetPicker/KaitoPresetPicker';
import { KaitoGpuShapePicker } from './KaitoGpuShapePicker/KaitoGpuShapePicker';
import { validateGpuShape } from './KaitoGpuShapePicker/validateGpuShape';
import {
  KaitoModelAccessSecret,
  validateModelAccessSecret,
} from './KaitoModelAccessSecret/KaitoModelAccessSecret';
import {
  KaitoResourceName,
  validateResourceName,
} from './KaitoResourceName/KaitoResourceName';
import {
  KaitoReplicasPicker,
  validateReplicas,
} from './KaitoReplicasPicker/KaitoReplicasPicker';

/**
 * Scaffolder field `ui:field: KaitoReplicasPicker`: how many workspaces serve
 * the model (more than one makes a Kaito InferenceSet), with GPUs, cost and
 * quota multiplied out.
 *
 * @public
 */
export const KaitoReplicasPickerFieldExtension = kaitoPlugin.provide(
  createScaffolderFieldExtension({
    name: 'KaitoReplicasPicker',
    component: KaitoReplicasPicker,
    validation: validateReplicas,
    schema: {
      returnValue: { type: 'integer' },
      uiOptions: {
        type: 'object',
        properties: {
          presetField: { type: 'string', description: 'Form field with the preset name (default preset)' },
          clusterField: { type: 'string', description: 'Form field with the cluster (default cluster)' },
          instanceTypeField: { type: 'string', description: 'Form field with the instance type (default instanceType)' },
          ownerField: { type: 'string', description: 'Form field with the owner group, for quota (default owner)' },
          autoscalingField: { type: 'string', description: 'Form field with the autoscaling object (default autoscaling)' },
        },
      },
    },
  }),
);

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
    validation: validateGpuShape,
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
          nameField: {
            type: 'string',
            description:
              'Form field with the workspace name, for the dry run (default name)',
          },
          namespaceField: {
            type: 'string',
            description:
              'Form field with the namespace, for the dry run (default namespace)',
          },
          modelAccessSecretField: {
            type: 'string',
            description:
              'Form field with the model-access Secret, for the dry run (default modelAccessSecret)',
          },
          purpose: {
            type: 'string',
            enum: ['inference', 'tuning'],
            description:
              'tuning sizes with the preset\'s tuning memory (default inference)',
          },
        },
      },
    },
  }),
);

/**
 * Scaffolder field `ui:field: KaitoResourceName`: a workspace or namespace
 * name, with Kubernetes' naming rules explained in plain words.
 *
 * @public
 */
export const KaitoResourceNameFieldExtension = kaitoPlugin.provide(
  createScaffolderFieldExtension({
    name: 'KaitoResourceName',
    component: KaitoResourceName,
    validation: validateResourceName,
    schema: {
      returnValue: { type: 'string' },
      uiOptions: {
        type: 'object',
        properties: {
          allowDots: {
            type: 'boolean',
            description: "Allow '.' too, as in adapter names",
          },
        },
      },
    },
  }),
);

/**
 * Scaffolder field `ui:field: KaitoModelAccessSecret`: the Secret with a
 * Hugging Face token, shown only when the chosen model is gated.
 *
 * @public
 */
export const KaitoModelAccessSecretFieldExtension = kaitoPlugin.provide(
  createScaffolderFieldExtension({
    name: 'KaitoModelAccessSecret',
    component: KaitoModelAccessSecret,
    validation: validateModelAccessSecret,
    schema: {
      returnValue: { type: 'string' },
      uiOptions: {
        type: 'object',
        properties: {
          presetField: {
            type: 'string',
            description: 'Form field with the preset name (default preset)',
          },
        },
      },
    },
  }),
);
