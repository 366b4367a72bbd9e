import type { CustomFieldValidator, FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { MAX_INFERENCE_SET_REPLICAS, replicaTotals, ReplicaTotals } from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../api/KaitoApi';
import { errorMessage } from '../../lib/errorMessage';
import { formatCostPerHour } from '../../lib/format';
import { readFormField } from '../readFormField';

/** `ui:options` of `KaitoReplicasPicker`; the `*Field` options name other form fields. @public */
export interface KaitoReplicasPickerUiOptions {
  /** @defaultValue `preset` */
  presetField?: string;
  /** @defaultValue `cluster` */
  clusterField?: string;
  /** @defaultValue `instanceType` */
  instanceTypeField?: string;
  /** @defaultValue `owner` */
  ownerField?: string;
  /** An object field `{ enabled, minReplicas, maxReplicas }`. @defaultValue `autoscaling` */
  autoscalingField?: string;
}

/** The autoscaling maximum the form asks for, if autoscaling is on. */
function autoscalingMax(formData: unknown, field: string): number | undefined {
  const value = (formData as Record<string, unknown> | undefined)?.[field] as { enabled?: boolean; maxReplicas?: number } | undefined;
  return value?.enabled && typeof value.maxReplicas === 'number' ? value.maxReplicas : undefined;
}

/** What the totals say in one line: GPUs and cost now, and at the autoscaling maximum. */
export function describeTotals(totals: ReplicaTotals): string {
  const cost = (amount?: number) => (amount === undefined ? '' : `, ${formatCostPerHour(amount, totals.currency)}`);
  const now = `${totals.replicas} × ${totals.gpusPerReplica} GPU${totals.gpusPerReplica === 1 ? '' : 's'} = ${totals.gpus} GPU${totals.gpus === 1 ? '' : 's'}${cost(totals.costPerHour)}`;
  const most = totals.maxReplicas > totals.replicas ? `; up to ${totals.maxReplicas} replicas: ${totals.maxGpus} GPUs${cost(totals.maxCostPerHour)}` : '';
  const quota = totals.quota?.maxGpus !== undefined ? ` · quota: ${totals.quota.usedGpus} of ${totals.quota.maxGpus} GPUs in use` : '';
  return `${now}${most}${quota}`;
}

/**
 * Scaffolder field: how many workspaces serve the model (more than one makes a Kaito
 * InferenceSet). Under it, one replica's fit (`POST /fit`) multiplied out: GPUs and cost
 * now and at the autoscaling maximum, and the owner's quota, which the maximum must fit.
 *
 * @public
 */
export const KaitoReplicasPicker = (props: FieldExtensionComponentProps<number, KaitoReplicasPickerUiOptions>) => {
  const { formData, onChange, schema, uiSchema, rawErrors, required, disabled, formContext, idSchema } = props;
  const api = useApi(kaitoApiRef);
  const options = uiSchema?.['ui:options'] ?? {};
  const form = formContext as { formData?: unknown } | undefined;
  const preset = readFormField(form, options.presetField ?? 'preset');
  const cluster = readFormField(form, options.clusterField ?? 'cluster') ?? 'local';
  const instanceType = readFormField(form, options.instanceTypeField ?? 'instanceType');
  const formOwner = readFormField(form, options.ownerField ?? 'owner');
  const identityApi = useApi(identityApiRef);
  const replicas = formData ?? 1;
  const max = autoscalingMax(form?.formData, options.autoscalingField ?? 'autoscaling');
  const fit = useAsync(async () => {
    if (!preset || !instanceType) return undefined;
    // Until the form names an owner (a later step), the quota of the user's own first group, as the GPU shape field does.
    const owner = formOwner ?? (await identityApi.getBackstageIdentity()).ownershipEntityRefs.find(ref => ref.startsWith('group:'));
    return api.checkFit({ cluster, preset, instanceType, owner });
  }, [api, identityApi, cluster, preset, instanceType, formOwner]);
  const totals = fit.value ? replicaTotals(fit.value, replicas, max) : undefined;
  const id = idSchema?.$id ?? 'kaito-replicas';
  return (
    <>
      <TextField
        id={id}
        type="number"
        label={schema.title ?? 'Replicas'}
        value={formData ?? ''}
        required={required}
        disabled={disabled}
        fullWidth
        margin="normal"
        variant="outlined"
        error={Boolean(rawErrors?.length)}
        inputProps={{ min: 1, max: MAX_INFERENCE_SET_REPLICAS, step: 1 }}
        helperText={totals ? describeTotals(totals) : schema.description}
        onChange={e => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
      {fit.error && <Alert severity="warning">Could not check the fit: {errorMessage(fit.error)}</Alert>}
      {totals?.quota?.problem && (
        <Alert severity="error" role="alert">
          {totals.quota.problem}
        </Alert>
      )}
    </>
  );
};

/**
 * Blocks Next on a count the backend would refuse: not a whole number from 1 to 100, outside
 * the autoscaling minimum and maximum, or (at its most) over the owner's quota (`POST /fit`
 * for one replica, multiplied out).
 *
 * @public
 */
export const validateReplicas: CustomFieldValidator<number, KaitoReplicasPickerUiOptions> = async (value, validation, { apiHolder, formData, uiSchema }) => {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1 || value > MAX_INFERENCE_SET_REPLICAS) {
    validation.addError(`Replicas must be a whole number from 1 to ${MAX_INFERENCE_SET_REPLICAS}`);
    return;
  }
  const options = uiSchema?.['ui:options'] ?? {};
  const form = { formData };
  const scaling = (formData as Record<string, any> | undefined)?.[options.autoscalingField ?? 'autoscaling'];
  if (scaling?.enabled && (value < scaling.minReplicas || value > scaling.maxReplicas)) {
    validation.addError(`Replicas must lie between the autoscaling minimum (${scaling.minReplicas}) and maximum (${scaling.maxReplicas})`);
    return;
  }
  const kaitoApi = apiHolder?.get(kaitoApiRef);
  const preset = readFormField(form, options.presetField ?? 'preset');
  const instanceType = readFormField(form, options.instanceTypeField ?? 'instanceType');
  if (!kaitoApi || !preset || !instanceType) return; // the backend checks on create
  const owner =
    readFormField(form, options.ownerField ?? 'owner') ??
    (await apiHolder.get(identityApiRef)?.getBackstageIdentity())?.ownershipEntityRefs.find(ref => ref.startsWith('group:'));
  try {
    const fit = await kaitoApi.checkFit({ cluster: readFormField(form, options.clusterField ?? 'cluster') ?? 'local', preset, instanceType, owner });
    const problem = replicaTotals(fit, value, autoscalingMax(formData, options.autoscalingField ?? 'autoscaling')).quota?.problem;
    if (problem) validation.addError(problem);
  } catch (error) {
    validation.addError(`Could not check the quota: ${errorMessage(error)}`);
  }
};
