import { useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import useAsync from 'react-use/esm/useAsync';
import type { PresetSummary } from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../api/KaitoApi';
import { readFormField } from '../readFormField';

/** `ui:options` of `KaitoModelAccessSecret`. @public */
export interface KaitoModelAccessSecretUiOptions {
  /** Field holding the preset name. @defaultValue `preset` */
  presetField?: string;
}

/** The preset the form names, if the backend's catalog has it. */
function chosenPreset(
  presets: PresetSummary[] | undefined,
  name: string | undefined,
): PresetSummary | undefined {
  return name ? presets?.find(preset => preset.name === name) : undefined;
}

/** What the field says under a gated model. @internal */
export function secretHelp(preset: PresetSummary): string {
  return (
    `${preset.hfRepo} is gated on Hugging Face. Name a Secret in the workspace's namespace whose key HF_TOKEN ` +
    `holds a token that may read it (kubectl create secret generic hf-token --from-literal=HF_TOKEN=…); ` +
    'the portal checks that it exists before Create.'
  );
}

/**
 * Scaffolder field: the Secret with a Hugging Face token, shown only when
 * the chosen model is gated (`requiresAuth` in `GET /presets`); for other
 * models it renders nothing and clears its value. The Secret's existence in
 * the chosen namespace is checked by the backend's dry run, which the GPU
 * shape field runs once the namespace is known.
 *
 * @public
 */
export const KaitoModelAccessSecret = (
  props: FieldExtensionComponentProps<string, KaitoModelAccessSecretUiOptions>,
) => {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    disabled,
    idSchema,
    formContext,
  } = props;
  const kaitoApi = useApi(kaitoApiRef);
  const presetName = readFormField(
    formContext,
    uiSchema?.['ui:options']?.presetField ?? 'preset',
  );
  const { value: presets } = useAsync(
    () => kaitoApi.listPresets(),
    [kaitoApi],
  );
  const preset = chosenPreset(presets, presetName);
  const gated = Boolean(preset?.requiresAuth);

  // A secret named for a gated model is not sent with an ungated one. For a
  // gated model the value is a string even when empty: the scaffolder
  // validates only fields present in the form data.
  useEffect(() => {
    if (presets && !gated && formData !== undefined) {
      onChange(undefined as unknown as string);
    }
    if (gated && formData === undefined) {
      onChange('');
    }
  }, [presets, gated, formData, onChange]);

  if (!preset || !gated) {
    return null;
  }
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Model access secret'}
      value={formData ?? ''}
      // The asterisk only: the validator, not the browser, says what is missing.
      InputLabelProps={{ required: true }}
      disabled={disabled}
      fullWidth
      margin="normal"
      variant="outlined"
      error={Boolean(rawErrors?.length)}
      helperText={secretHelp(preset)}
      inputProps={{ 'data-testid': 'kaito-model-access-secret' }}
      onChange={e => onChange(e.target.value.trim())}
    />
  );
};

/**
 * Requires the Secret's name for a gated model; whether it exists (and is a
 * valid name) is the dry run's to say, once the namespace is chosen.
 *
 * @public
 */
export const validateModelAccessSecret: CustomFieldValidator<
  string,
  KaitoModelAccessSecretUiOptions
> = async (value, validation, { apiHolder, formData, uiSchema }) => {
  const presetName = readFormField(
    { formData },
    uiSchema?.['ui:options']?.presetField ?? 'preset',
  );
  const kaitoApi = apiHolder.get(kaitoApiRef);
  if (!presetName || !kaitoApi) {
    return;
  }
  const preset = chosenPreset(await kaitoApi.listPresets(), presetName);
  if (!preset?.requiresAuth) {
    return;
  }
  if (!value) {
    validation.addError(
      `${preset.name} is gated: name the Secret that holds HF_TOKEN.`,
    );
  }
};
