import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import type { PresetSummary } from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../api/KaitoApi';
import { errorMessage } from '../../lib/errorMessage';

/** `ui:options` of `KaitoPresetPicker`. @public */
export interface KaitoPresetPickerUiOptions {
  /** Offer only presets that support fine-tuning. */
  tuningOnly?: boolean;
}

/** What the preset needs, in one line. @internal */
export function describePreset(preset: PresetSummary): string {
  return [
    `${preset.weightsGiB} GiB weights`,
    preset.contextLength
      ? `${preset.contextLength.toLocaleString('en-US')} tokens context`
      : undefined,
    preset.gpuCountRequirement > 1
      ? `${preset.gpuCountRequirement} GPUs`
      : undefined,
    preset.runtimes.join('/'),
  ]
    .filter(Boolean)
    .join(' · ');
}

function helperText(
  error: Error | undefined,
  selected: PresetSummary | null,
): string | undefined {
  if (error) {
    return `Could not load presets: ${errorMessage(error)}`;
  }
  if (selected) {
    return `${selected.hfRepo} · ${describePreset(selected)}${
      selected.tuning ? ' · supports fine-tuning' : ''
    }${
      selected.requiresAuth
        ? ' · gated on Hugging Face: needs a Secret with HF_TOKEN'
        : ''
    }`;
  }
  return undefined;
}

/**
 * Scaffolder field: search the model presets, with GPU memory, context
 * length and tuning support; the value is the preset name.
 *
 * @public
 */
export const KaitoPresetPicker = (
  props: FieldExtensionComponentProps<string, KaitoPresetPickerUiOptions>,
) => {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    required,
    disabled,
    idSchema,
  } = props;
  const kaitoApi = useApi(kaitoApiRef);
  const tuningOnly = uiSchema?.['ui:options']?.tuningOnly ?? false;
  const {
    value: presets,
    loading,
    error,
  } = useAsync(() => kaitoApi.listPresets(), [kaitoApi]);
  const options = (presets ?? []).filter(
    preset => !tuningOnly || preset.tuning,
  );
  const selected = options.find(preset => preset.name === formData) ?? null;

  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length) || Boolean(error)}
    >
      <Autocomplete<PresetSummary>
        id={idSchema?.$id}
        options={options}
        loading={loading}
        disabled={disabled}
        value={selected}
        getOptionLabel={preset => preset.name}
        getOptionSelected={(option, value) => option.name === value.name}
        filterOptions={(all, state) => {
          const query = state.inputValue.toLowerCase();
          return all.filter(p =>
            [p.name, p.hfRepo, ...p.aliases].some(text =>
              text.toLowerCase().includes(query),
            ),
          );
        }}
        onChange={(_, preset) => onChange(preset?.name)}
        renderOption={preset => (
          <Box>
            <Typography variant="body2">
              {preset.name}{' '}
              {preset.tuning && <Chip size="small" label="tuning" />}{' '}
              {preset.requiresAuth && (
                <Chip
                  size="small"
                  color="secondary"
                  label="gated · needs HF token"
                />
              )}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {preset.hfRepo} · {describePreset(preset)}
            </Typography>
          </Box>
        )}
        renderInput={params => (
          <TextField
            {...params}
            label={schema.title ?? 'Model preset'}
            required={required}
            variant="outlined"
            placeholder="Search by name or Hugging Face repo"
          />
        )}
      />
      <FormHelperText>
        {helperText(error, selected) ??
          schema.description ??
          'The model to run'}
      </FormHelperText>
    </FormControl>
  );
};
