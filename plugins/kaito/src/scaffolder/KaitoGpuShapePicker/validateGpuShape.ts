import { identityApiRef } from '@backstage/core-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { kaitoApiRef } from '../../api/KaitoApi';
import { errorMessage } from '../../lib/errorMessage';
import type { KaitoGpuShapePickerUiOptions } from './KaitoGpuShapePicker';
import {
  describeRefusal,
  dryRunRequest,
  shapeFormContext,
} from './formRequest';

/**
 * Blocks Next unless the chosen instance type fits the preset within the
 * owner's quota (`POST /fit`), and then unless the backend's dry run of the
 * whole request passes: a duplicate name, a namespace outside the team's
 * placement, a refused dataset URL or a missing model-access secret is said
 * here, in the form, instead of failing the task after Create.
 *
 * @public
 */
export const validateGpuShape: CustomFieldValidator<
  string,
  KaitoGpuShapePickerUiOptions
> = async (instanceType, validation, { apiHolder, formData, uiSchema }) => {
  if (!instanceType) {
    return; // `required` speaks for an empty field
  }
  const kaitoApi = apiHolder.get(kaitoApiRef);
  if (!kaitoApi) {
    return; // no Kaito API in this app: the backend checks on create
  }
  const options = uiSchema?.['ui:options'] ?? {};
  const context = shapeFormContext(formData, options);
  if (!context.preset) {
    validation.addError('Choose a model preset first.');
    return;
  }
  const owner = context.owner ?? (await userGroup(apiHolder));
  try {
    const fit = await kaitoApi.checkFit({
      cluster: context.cluster,
      preset: context.preset,
      instanceType,
      owner,
      ...(context.purpose ? { purpose: context.purpose } : {}),
    });
    if (!fit.fits) {
      validation.addError(
        fit.reasons.filter(Boolean).join(' ') ||
          `${instanceType} does not fit ${context.preset}.`,
      );
      return;
    }
    if (!owner) {
      return;
    }
    const request = dryRunRequest(
      formData,
      { ...context, owner, instanceType },
      options,
    );
    if (request) {
      await kaitoApi.createWorkspace(request);
    }
  } catch (error) {
    for (const message of describeRefusal(errorMessage(error))) {
      validation.addError(message);
    }
  }
};

async function userGroup(
  apiHolder: Parameters<CustomFieldValidator<string>>[2]['apiHolder'],
): Promise<string | undefined> {
  const identity = await apiHolder.get(identityApiRef)?.getBackstageIdentity();
  return identity?.ownershipEntityRefs.find(ref => ref.startsWith('group:'));
}
