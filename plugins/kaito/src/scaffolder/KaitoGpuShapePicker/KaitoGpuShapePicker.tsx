import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { kaitoApiRef } from '../../api/KaitoApi';
import { errorMessage } from '../../lib/errorMessage';
import { formatCostPerHour } from '../../lib/format';
import {
  describeRemainingQuota,
  fittingShapes,
  GpuShapeOption,
} from './fittingShapes';
import { shapeFormContext } from './formRequest';
import { useCheapestFittingShape } from './useCheapestFittingShape';

/** `ui:options` of `KaitoGpuShapePicker`; the `*Field` options name other form fields. @public */
export interface KaitoGpuShapePickerUiOptions {
  /** Field holding the preset name. @defaultValue `preset` */
  presetField?: string;
  /** Field holding the cluster name. @defaultValue `cluster` */
  clusterField?: string;
  /** A fixed cluster, when the form has no cluster field. @defaultValue `local` */
  cluster?: string;
  /** Field holding the owner group, for the remaining quota. @defaultValue `owner` */
  ownerField?: string;
  /** Field holding the workspace name, for the dry run. @defaultValue `name` */
  nameField?: string;
  /** Field holding the namespace, for the dry run. @defaultValue `namespace` */
  namespaceField?: string;
  /** Field holding the model-access Secret, for the dry run. @defaultValue `modelAccessSecret` */
  modelAccessSecretField?: string;
  /** `tuning`: fit with the preset's tuning memory (Fine-tune LLM). @defaultValue `inference` */
  purpose?: 'inference' | 'tuning';
}

function optionText(option: GpuShapeOption): {
  primary: string;
  secondary: string;
} {
  const gpu = `${option.sku.gpuCount} × ${option.sku.gpuModel} (${option.sku.gpuMemoryGiB} GiB)`;
  return {
    primary: option.instanceType,
    secondary: `${option.nodeCount} node${
      option.nodeCount === 1 ? '' : 's'
    } · ${gpu} · ${
      option.costPerHour === undefined
        ? 'no price configured'
        : formatCostPerHour(option.costPerHour, option.currency)
    }`,
  };
}

/**
 * Scaffolder field: the GPU instance types the chosen preset fits on, with
 * node count, cost per hour and the team's remaining quota (`GET /skus`,
 * then `POST /fit` for each). It reads the preset, cluster and owner from the other form
 * fields named in `ui:options` (the owner defaults to the user's first group);
 * the value is the instance type.
 *
 * @public
 */
export const KaitoGpuShapePicker = (
  props: FieldExtensionComponentProps<string, KaitoGpuShapePickerUiOptions>,
) => {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    required,
    disabled,
    formContext,
    idSchema,
  } = props;
  const kaitoApi = useApi(kaitoApiRef);
  const options = uiSchema?.['ui:options'] ?? {};
  const {
    preset,
    cluster,
    owner: formOwner,
    purpose,
  } = shapeFormContext(
    (formContext as { formData?: unknown } | undefined)?.formData,
    options,
  );
  const identityApi = useApi(identityApiRef);
  // Until the form names an owner (often on a later step), show the quota of
  // the user's own first group.
  const { value: userGroup, loading: identityLoading } = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    return ownershipEntityRefs.find(ref => ref.startsWith('group:'));
  }, [identityApi]);
  const owner = formOwner ?? userGroup;
  const ownerSettled = formOwner !== undefined || !identityLoading;

  const shapes = useAsync(async () => {
    if (!preset || !ownerSettled) {
      return undefined;
    }
    // One fit check per current instance type: the backend's own
    // recommendations stop at the cheapest few.
    const skus = (await kaitoApi.listSkus(cluster)).filter(sku => !sku.retired);
    const checks = await Promise.all(
      skus.map(async sku => ({
        sku,
        fit: await kaitoApi.checkFit({
          cluster,
          preset,
          owner,
          instanceType: sku.name,
          purpose,
        }),
      })),
    );
    return {
      options: fittingShapes(checks),
      quota: describeRemainingQuota(checks[0]?.fit),
    };
  }, [kaitoApi, preset, cluster, owner, ownerSettled, purpose]);

  const chosen = useAsync(async () => {
    if (!preset || !formData || !ownerSettled) {
      return undefined;
    }
    return kaitoApi.checkFit({
      cluster,
      preset,
      owner,
      instanceType: formData,
      purpose,
    });
  }, [kaitoApi, preset, cluster, owner, formData, ownerSettled, purpose]);

  const id = idSchema?.$id ?? 'kaito-gpu-shape';
  const list = shapes.value?.options ?? [];
  useCheapestFittingShape({
    preset,
    // While another preset's shapes load, useAsync still holds the old ones.
    options: shapes.loading ? undefined : shapes.value?.options,
    value: formData,
    onChange,
  });
  const known = list.some(option => option.instanceType === formData);
  const label = schema.title ?? 'GPU instance type';

  return (
    <FormControl
      fullWidth
      margin="normal"
      variant="outlined"
      required={required}
      error={Boolean(rawErrors?.length)}
    >
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={label}
        value={formData ?? ''}
        disabled={disabled || !preset || shapes.loading}
        onChange={e => onChange((e.target.value as string) || undefined)}
        renderValue={value => String(value)}
        inputProps={{ 'data-testid': 'kaito-gpu-shape' }}
      >
        {list.map(option => {
          const text = optionText(option);
          return (
            <MenuItem key={option.instanceType} value={option.instanceType}>
              <ListItemText primary={text.primary} secondary={text.secondary} />
            </MenuItem>
          );
        })}
        {formData && !known && <MenuItem value={formData}>{formData}</MenuItem>}
      </Select>
      {shapes.loading && <LinearProgress />}
      <FormHelperText>
        {!preset && 'Choose a model preset first.'}
        {preset &&
          shapes.error &&
          `Could not check which instance types fit: ${errorMessage(
            shapes.error,
          )}`}
        {preset &&
          shapes.value &&
          list.length === 0 &&
          `${preset} fits no instance type on ${cluster}.`}
        {preset &&
          shapes.value &&
          list.length > 0 &&
          `${list.length} instance types on ${cluster} fit ${preset}.`}
        {shapes.value?.quota && ` Quota ${shapes.value.quota}.`}
      </FormHelperText>
      {chosen.value && !chosen.value.fits && (
        <Alert severity="error">
          {chosen.value.reasons.join(' ') ||
            `${formData} does not fit ${preset}.`}
        </Alert>
      )}
      {chosen.value?.fits && chosen.value.reasons.length > 0 && (
        <Alert severity="info">{chosen.value.reasons.join(' ')}</Alert>
      )}
      {chosen.value?.fits && (
        <FormHelperText>
          {chosen.value.nodeCount} node{chosen.value.nodeCount === 1 ? '' : 's'}
          , {chosen.value.gpuCount} GPU
          {chosen.value.gpuCount === 1 ? '' : 's'},{' '}
          {formatCostPerHour(chosen.value.costPerHour, chosen.value.currency)}
        </FormHelperText>
      )}
    </FormControl>
  );
};

/** Checks fit, quota and the backend's dry run before Next; see {@link validateGpuShape}. */
export { validateGpuShape } from './validateGpuShape';
