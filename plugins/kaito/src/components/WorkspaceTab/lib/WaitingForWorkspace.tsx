import { InfoCard } from '@backstage/core-components';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { cardHeading } from '../../shared/cardHeading';
import { kaitoTranslationRef } from '../../../translation';

/**
 * Shown while a workspace that was linked to (a fresh Create, an entity made
 * first) does not exist in its cluster yet; the view replaces it as soon as
 * the workspace appears.
 *
 * @internal
 */
export const WaitingForWorkspace = ({
  workspaceKey,
}: {
  workspaceKey: string;
}) => {
  const { t } = useTranslationRef(kaitoTranslationRef);
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title={t('workspace.waitingTitle')}
    >
      <div role="status" aria-live="polite" data-testid="workspace-waiting">
        <Typography variant="body2" paragraph>
          {t('workspace.waitingText', { key: workspaceKey })}
        </Typography>
        <LinearProgress aria-label={t('workspace.waitingProgressLabel')} />
      </div>
    </InfoCard>
  );
};
