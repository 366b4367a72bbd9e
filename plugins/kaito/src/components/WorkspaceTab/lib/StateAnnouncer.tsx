import { useEffect, useRef, useState } from 'react';
import type { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';

/** Hidden from sight, not from screen readers. */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/** The state as the tab shows it: Deleting wins over the workspace's own state. */
function shownState(workspace: WorkspaceDetails): string {
  return workspace.deleting ? 'Deleting' : workspace.state;
}

/** What to announce when the shown state changes to the workspace's: the new state, and why when it failed. @internal */
export function stateAnnouncement(workspace: WorkspaceDetails): string {
  const state = shownState(workspace);
  const failed = workspace.steps.find(step => step.status === 'failed');
  const why =
    state === 'Failed' && failed
      ? `: ${[failed.title, failed.reason, failed.message]
          .filter(Boolean)
          .join(', ')}`
      : '';
  return `Workspace ${workspace.ref.name} is now ${state}${why}.`;
}

/**
 * A polite live region that tells screen-reader users when the workspace's
 * state changes while they are on the tab (Pending → Running → Ready, or
 * Failed with its reason): a sighted user sees the chip change colour.
 * Silent on the first state, which the page already shows.
 *
 * @internal
 */
export const StateAnnouncer = ({
  workspace,
}: {
  workspace: WorkspaceDetails;
}) => {
  const state = shownState(workspace);
  const previous = useRef(state);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (previous.current !== state) {
      previous.current = state;
      setMessage(stateAnnouncement(workspace));
    }
  }, [state, workspace]);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      style={visuallyHidden}
      data-testid="workspace-announcer"
    >
      {message}
    </div>
  );
};
