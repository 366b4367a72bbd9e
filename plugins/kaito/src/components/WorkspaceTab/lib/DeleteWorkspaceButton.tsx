import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  kaitoWorkspaceDeletePermission,
  type WorkspaceSummary,
} from '@kaito-backstage/plugin-kaito-common';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { kaitoApiRef } from '../../../api/KaitoApi';
import { kaitoTranslationRef } from '../../../translation';
import { errorMessage } from '../../../lib/errorMessage';

/**
 * Deletes the workspace after a confirmation. Hidden when the user may not
 * delete it; the live stream then reports the deletion.
 *
 * @internal
 */
export const DeleteWorkspaceButton = ({
  workspace,
}: {
  workspace: WorkspaceSummary;
}) => {
  const { t } = useTranslationRef(kaitoTranslationRef);
  const kaitoApi = useApi(kaitoApiRef);
  const { allowed } = usePermission({
    permission: kaitoWorkspaceDeletePermission,
    resourceRef: workspace.key,
  });
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string>();

  if (!allowed) {
    return null;
  }
  const confirm = async () => {
    setDeleting(true);
    setError(undefined);
    try {
      await kaitoApi.deleteWorkspace(workspace.ref);
      setOpen(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setDeleting(false);
    }
  };
  return (
    <>
      <Button
        color="secondary"
        variant="outlined"
        startIcon={<DeleteIcon />}
        disabled={workspace.deleting}
        onClick={() => setOpen(true)}
      >
        {workspace.deleting
          ? t('deleteWorkspace.deleting')
          : t('deleteWorkspace.button')}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="kaito-delete-title"
      >
        <DialogTitle id="kaito-delete-title">
          {t('deleteWorkspace.dialogTitle', { name: workspace.ref.name })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {t('deleteWorkspace.dialogText', {
              key: <strong>{workspace.key}</strong>,
              count: workspace.gpuCount,
            })}
          </DialogContentText>
          {error && <Alert severity="error">{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>
            {t('deleteWorkspace.cancel')}
          </Button>
          <Button
            color="secondary"
            variant="contained"
            disabled={deleting}
            onClick={confirm}
          >
            {deleting
              ? t('deleteWorkspace.deleting')
              : t('deleteWorkspace.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
