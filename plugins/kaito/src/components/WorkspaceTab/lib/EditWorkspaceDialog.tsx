import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import EditIcon from '@material-ui/icons/Edit';
import {
  kaitoWorkspaceUpdatePermission,
  type AdapterRequest,
  type SkuSummary,
  type UpdateWorkspaceRequest,
  type WorkspaceDetails,
} from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../../api/KaitoApi';
import { errorMessage } from '../../../lib/errorMessage';
import { formatCostPerHour } from '../../../lib/format';

/** Adapters as the dialog edits them: one `name=image` per line. */
function adaptersToText(workspace: WorkspaceDetails): string {
  return (workspace.workspace.inference?.adapters ?? [])
    .map(a => `${a.source?.name ?? ''}=${a.source?.image ?? ''}`)
    .join('\n');
}

function textToAdapters(text: string): AdapterRequest[] {
  return text
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)
    .map(line => {
      const [name, ...image] = line.split('=');
      return { name: name.trim(), image: image.join('=').trim() };
    });
}

/** The fields of the form that differ from the workspace, as a PATCH body. */
export function changedFields(
  workspace: WorkspaceDetails,
  form: { instanceType: string; inferenceConfig: string; adapters: string },
): UpdateWorkspaceRequest {
  const request: UpdateWorkspaceRequest = {};
  if (workspace.instanceType && form.instanceType !== workspace.instanceType) {
    request.instanceType = form.instanceType;
  }
  if (workspace.kind === 'inference') {
    const config = workspace.workspace.inference?.config ?? '';
    if (form.inferenceConfig.trim() !== config) {
      request.inferenceConfig = form.inferenceConfig.trim() || null;
    }
    if (form.adapters.trim() !== adaptersToText(workspace).trim()) {
      request.adapters = textToAdapters(form.adapters);
    }
  }
  return request;
}

/**
 * Changes a workspace: its instance type, adapters and inference config
 * (`PATCH`, with the backend's validation, fit and quota checks). A new
 * instance type replaces the workspace, which the dialog says before it
 * is saved. Hidden without `kaito.workspace.update`.
 *
 * @internal
 */
export const EditWorkspaceDialog = (props: {
  workspace: WorkspaceDetails;
  open: boolean;
  onClose: () => void;
  /** Why the dialog was opened, shown at its top (e.g. a failure to retry). */
  reason?: string;
}) => {
  const { workspace, open, onClose, reason } = props;
  const kaitoApi = useApi(kaitoApiRef);
  const initial = useMemo(
    () => ({
      instanceType: workspace.instanceType ?? '',
      inferenceConfig: workspace.workspace.inference?.config ?? '',
      adapters: adaptersToText(workspace),
    }),
    [workspace],
  );
  const [form, setForm] = useState(initial);
  const [skus, setSkus] = useState<SkuSummary[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [checked, setChecked] = useState<string[]>();

  useEffect(() => {
    if (!open) return;
    setForm(initial);
    setError(undefined);
    setChecked(undefined);
    if (!workspace.instanceType) return;
    let cancelled = false;
    kaitoApi
      .listSkus(workspace.ref.cluster)
      .then(list => !cancelled && setSkus(list.filter(s => !s.retired)))
      .catch(e => !cancelled && setError(errorMessage(e)));
    // eslint-disable-next-line consistent-return
    return () => {
      cancelled = true;
    };
  }, [open, initial, kaitoApi, workspace.instanceType, workspace.ref.cluster]);

  const request = changedFields(workspace, form);
  const nothing = Object.keys(request).length === 0;
  const replaces = request.instanceType !== undefined;
  const update = (field: keyof typeof form) => (value: string) => {
    setForm(f => ({ ...f, [field]: value }));
    setChecked(undefined);
    setError(undefined);
  };

  const send = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await kaitoApi.updateWorkspace(workspace.ref, {
        ...request,
        dryRun,
      });
      if (dryRun) setChecked(answer.changes);
      else onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="kaito-edit-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="kaito-edit-title">Edit {workspace.ref.name}</DialogTitle>
      <DialogContent>
        {reason && (
          <Alert severity="error" style={{ marginBottom: 16 }}>
            {reason}
          </Alert>
        )}
        {workspace.instanceType && (
          <TextField
            select
            fullWidth
            margin="normal"
            id="kaito-edit-instance-type"
            label="Instance type"
            value={form.instanceType}
            onChange={e => update('instanceType')(e.target.value)}
            helperText="Kaito cannot change the instance type in place: the workspace is deleted and created again on the new one."
          >
            {!skus.some(s => s.name === form.instanceType) && (
              <MenuItem value={form.instanceType}>{form.instanceType}</MenuItem>
            )}
            {skus.map(sku => (
              <MenuItem key={sku.name} value={sku.name}>
                {`${sku.name} · ${sku.gpuCount} × ${sku.gpuModel} (${
                  sku.gpuMemoryGiB
                } GiB)${
                  sku.pricePerHour !== undefined
                    ? ` · ${formatCostPerHour(sku.pricePerHour, sku.currency)}`
                    : ''
                }`}
              </MenuItem>
            ))}
          </TextField>
        )}
        {workspace.kind === 'inference' && (
          <>
            <TextField
              fullWidth
              margin="normal"
              id="kaito-edit-inference-config"
              label="Inference config ConfigMap"
              value={form.inferenceConfig}
              onChange={e => update('inferenceConfig')(e.target.value)}
              helperText="A ConfigMap in the workspace's namespace with inference_config.yaml; empty removes it."
            />
            <TextField
              fullWidth
              multiline
              minRows={2}
              margin="normal"
              id="kaito-edit-adapters"
              label="Adapters"
              value={form.adapters}
              onChange={e => update('adapters')(e.target.value)}
              helperText="One adapter per line: name=image"
            />
          </>
        )}
        {replaces && (
          <DialogContentText>
            Saving replaces {workspace.ref.name}: its model stops until the new
            nodes are ready.
          </DialogContentText>
        )}
        {checked && (
          <Alert severity="success" aria-live="polite">
            The change passes validation, fit and quota: {checked.join('; ')}
          </Alert>
        )}
        {error && (
          <Alert severity="error" data-testid="kaito-edit-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button disabled={busy || nothing} onClick={() => send(true)}>
          Check
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || nothing}
          onClick={() => send(false)}
        >
          {busy ? 'Saving…' : 'Save changes'}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** The reason a workspace failed, from WorkspaceSucceeded's message. */
export function failureReason(workspace: WorkspaceDetails): string | undefined {
  if (workspace.state !== 'Failed') return undefined;
  const condition = workspace.workspace.status?.conditions?.find(
    c => c.type === 'WorkspaceSucceeded',
  );
  return condition?.message || condition?.reason || 'the workspace failed';
}

/**
 * The tab's Edit button; it opens the Edit dialog. Nothing without
 * `kaito.workspace.update`.
 *
 * @internal
 */
export const EditWorkspaceButton = ({
  workspace,
}: {
  workspace: WorkspaceDetails;
}) => {
  const { allowed } = usePermission({
    permission: kaitoWorkspaceUpdatePermission,
    resourceRef: workspace.key,
  });
  const [open, setOpen] = useState(false);
  if (!allowed) return null;
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<EditIcon />}
        disabled={workspace.deleting}
        onClick={() => setOpen(true)}
      >
        Edit
      </Button>
      <EditWorkspaceDialog
        workspace={workspace}
        open={open}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

/**
 * A failed workspace's reason, and a retry on another instance type when it
 * runs on one and the user may change it.
 *
 * @internal
 */
export const FailedWorkspaceAlert = ({
  workspace,
}: {
  workspace: WorkspaceDetails;
}) => {
  const { allowed } = usePermission({
    permission: kaitoWorkspaceUpdatePermission,
    resourceRef: workspace.key,
  });
  const [open, setOpen] = useState(false);
  const reason = failureReason(workspace);
  if (!reason || workspace.deleting) return null;
  const canRetry = allowed && Boolean(workspace.instanceType);
  return (
    <>
      <Alert
        severity="error"
        data-testid="workspace-failed"
        action={
          canRetry ? (
            <Button color="inherit" size="small" onClick={() => setOpen(true)}>
              Retry with another instance type
            </Button>
          ) : undefined
        }
      >
        {`Failed: ${reason}`}
      </Alert>
      {canRetry && (
        <EditWorkspaceDialog
          workspace={workspace}
          open={open}
          onClose={() => setOpen(false)}
          reason={reason}
        />
      )}
    </>
  );
};
