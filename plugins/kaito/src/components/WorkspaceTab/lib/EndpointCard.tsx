import { CodeSnippet, InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { EndpointInfo } from '@kaito-backstage/plugin-kaito-common';
import { cardHeading } from '../../shared/cardHeading';

/** The in-cluster URL, the models it serves and a copyable curl example. @internal */
export const EndpointCard = ({ endpoint }: { endpoint?: EndpointInfo }) => (
  <InfoCard titleTypographyProps={cardHeading} title="Endpoint">
    {endpoint ? (
      <>
        <Typography variant="body2" gutterBottom>
          <strong>URL</strong> <code>{endpoint.serviceUrl}</code> ·{' '}
          {endpoint.api === 'openai'
            ? 'OpenAI-compatible API'
            : 'legacy chat API'}{' '}
          · models: {endpoint.models.join(', ') || '-'}
        </Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          component="div"
          gutterBottom
        >
          From inside the cluster:
        </Typography>
        <CodeSnippet
          language="bash"
          text={endpoint.curlExample}
          showCopyCodeButton
        />
      </>
    ) : (
      <Typography variant="body2" color="textSecondary">
        The endpoint appears once the inference service exists.
      </Typography>
    )}
  </InfoCard>
);
