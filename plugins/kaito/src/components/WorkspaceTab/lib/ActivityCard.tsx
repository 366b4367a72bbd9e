import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { AuditEntry } from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../../api/KaitoApi';
import { errorMessage } from '../../../lib/errorMessage';
import { SimpleTable } from '../../shared/SimpleTable';
import { cardHeading } from '../../shared/cardHeading';

/** Who created, deleted or chatted with the workspace, newest first (`GET /audit`). @internal */
export const ActivityCard = ({ workspaceKey }: { workspaceKey: string }) => {
  const kaitoApi = useApi(kaitoApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => kaitoApi.listAudit(workspaceKey),
    [kaitoApi, workspaceKey],
  );
  const entries = [...(value ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="Activity"
      subheader="Requests, deletions and chats, from the portal's audit log"
      noPadding
      action={<Button onClick={retry}>Refresh</Button>}
    >
      {loading && <LinearProgress />}
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      {value && (
        <SimpleTable<AuditEntry>
          label="Activity"
          rows={entries}
          rowKey={entry => String(entry.id)}
          emptyMessage="No activity recorded."
          columns={[
            {
              title: 'When',
              render: entry => new Date(entry.at).toLocaleString(),
            },
            { title: 'Who', render: entry => entry.actor },
            { title: 'Action', render: entry => entry.action },
            { title: 'Outcome', render: entry => entry.outcome },
            { title: 'Detail', render: entry => entry.detail ?? '-' },
          ]}
        />
      )}
    </InfoCard>
  );
};
