import { MarkdownContent } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type { ChatTurn } from '../../../hooks/useChat';
import { CopyButton } from '../../shared/CopyButton';
import { formatMilliseconds } from '../../../lib/format';
import { withoutRemoteImages } from './noRemoteImages';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { kaitoTranslationRef } from '../../../translation';

/** No image source reaches the browser, whatever the markdown held. */
const noImageSource = () => '';

const useStyles = makeStyles((theme: Theme) => ({
  user: {
    alignSelf: 'flex-end',
    maxWidth: '80%',
    padding: theme.spacing(1, 1.5),
    borderRadius: theme.shape.borderRadius * 2,
    backgroundColor: theme.palette.primary.main,
    color: theme.palette.primary.contrastText,
    whiteSpace: 'pre-wrap',
  },
  assistant: {
    alignSelf: 'flex-start',
    maxWidth: '90%',
    padding: theme.spacing(0.5, 1.5),
    borderRadius: theme.shape.borderRadius * 2,
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
  },
}));

/** One message of the conversation; replies render markdown and their speed. @internal */
export const ChatTurnView = ({ turn }: { turn: ChatTurn }) => {
  const classes = useStyles();
  const { t } = useTranslationRef(kaitoTranslationRef);
  if (turn.role === 'user') {
    return (
      <Box className={classes.user} data-testid="chat-user-message">
        {turn.content}
      </Box>
    );
  }
  return (
    <Box
      className={classes.assistant}
      data-testid="chat-reply"
      aria-busy={turn.streaming}
    >
      {turn.content ? (
        <MarkdownContent
          content={withoutRemoteImages(turn.content)}
          dialect="gfm"
          transformImageUri={noImageSource}
        />
      ) : (
        turn.streaming && (
          <Typography variant="body2" color="textSecondary">
            {t('chat.waitingForFirstToken')}
          </Typography>
        )
      )}
      {turn.error && <Alert severity="error">{turn.error}</Alert>}
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        {turn.metrics && (
          <Typography
            variant="caption"
            color="textSecondary"
            data-testid="chat-metrics"
          >
            {turn.model ? `${turn.model} · ` : ''}
            {t('chat.replyMetrics', {
              timeToFirstToken: formatMilliseconds(
                turn.metrics.timeToFirstTokenMs,
              ),
              tokensPerSecond: turn.metrics.tokensPerSecond.toFixed(1),
              tokens: String(turn.metrics.completionTokens),
            })}
          </Typography>
        )}
        {turn.stopped && (
          <Typography variant="caption" color="textSecondary">
            {t('chat.stopped')}
          </Typography>
        )}
        {!turn.streaming && turn.content && (
          <CopyButton text={turn.content} label={t('chat.copyReply')} />
        )}
      </Box>
    </Box>
  );
};
