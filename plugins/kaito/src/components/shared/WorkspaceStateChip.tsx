import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { WorkspaceState } from '@kaito-backstage/plugin-kaito-common';

const useStyles = makeStyles((theme: Theme) => ({
  Ready: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  Succeeded: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  Running: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  Pending: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  NotReady: {
    backgroundColor: theme.palette.warning.dark,
    color: theme.palette.warning.contrastText,
  },
  Failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/** A workspace's state as a coloured chip. @internal */
export const WorkspaceStateChip = ({
  state,
  deleting,
}: {
  state: WorkspaceState;
  deleting?: boolean;
}) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={deleting ? 'Deleting' : state}
      className={deleting ? undefined : classes[state]}
      data-testid="workspace-state"
    />
  );
};
