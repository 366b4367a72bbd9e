import { useState } from 'react';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import type {
  CreateWorkspaceResponse,
  WorkspaceDetails,
} from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../../api/KaitoApi';
import { errorMessage } from '../../../lib/errorMessage';
import { useWorkspaceLink } from '../../../hooks/useWorkspaceLink';
import { deployAdapterRequest, tunedAdapterImage } from './deployRequest';

/** Asks for a name and instance type, then creates the inference workspace. @internal */
export const DeployAdapterDialog = (props: {
  tuning: WorkspaceDetails;
  open: boolean;
  onClose: () => void;
}) => {
  const { tuning, open, onClose } = props;
  const kaitoApi = useApi(kaitoApiRef);
  const workspaceLink = useWorkspaceLink();
  const [name, setName] = useState(`${tuning.ref.name}-serve`.slice(0, 63));
  const [adapterName, setAdapterName] = useState(tuning.ref.name);
  const [instanceType, setInstanceType] = useState(tuning.instanceType ?? '');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<CreateWorkspaceResponse>();

  const deploy = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      setCreated(
        await kaitoApi.createWorkspace(
          deployAdapterRequest(tuning, { name, instanceType, adapterName }),
        ),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };
  const createdKey = created?.workspace.key;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="kaito-deploy-adapter-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="kaito-deploy-adapter-title">
        Deploy with this adapter
      </DialogTitle>
      <DialogContent>
        <Alert severity="info" style={{ marginBottom: 16 }}>
          Serves {tuning.workspace.tuning?.preset.name ?? tuning.preset} with
          the adapter <code>{tunedAdapterImage(tuning)}</code> in{' '}
          {tuning.ref.cluster}/{tuning.ref.namespace}.
        </Alert>
        <TextField
          fullWidth
          margin="dense"
          label="Workspace name"
          value={name}
          onChange={e => setName(e.target.value)}
        />
        <TextField
          fullWidth
          margin="dense"
          label="Adapter name"
          value={adapterName}
          onChange={e => setAdapterName(e.target.value)}
        />
        <TextField
          fullWidth
          margin="dense"
          label="Instance type"
          value={instanceType}
          onChange={e => setInstanceType(e.target.value)}
        />
        {error && <Alert severity="error">{error}</Alert>}
        {createdKey && (
          <Alert severity="success">
            Created{' '}
            {workspaceLink ? (
              <Link to={workspaceLink(createdKey)}>{createdKey}</Link>
            ) : (
              createdKey
            )}
            ; it is being provisioned.
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{created ? 'Close' : 'Cancel'}</Button>
        {!created && (
          <Button
            color="primary"
            variant="contained"
            disabled={submitting || !name || !instanceType}
            onClick={deploy}
          >
            {submitting ? 'Deploying…' : 'Deploy'}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
};
