import { KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import SendIcon from '@material-ui/icons/Send';
import StopIcon from '@material-ui/icons/Stop';
import {
  kaitoWorkspaceChatPermission,
  type WorkspaceDetails,
} from '@kaito-backstage/plugin-kaito-common';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { ChatSettings, useChat } from '../../hooks/useChat';
import { kaitoTranslationRef } from '../../translation';
import { ChatSettingsForm } from './lib/ChatSettingsForm';
import { ChatTurnView } from './lib/ChatTurnView';
import { chatModels, chatUnavailableReason } from './lib/chatAvailability';
import {
  contextUse,
  contextWarning,
  presetContextLength,
} from './lib/contextWindow';
import { cardHeading } from '../shared/cardHeading';

/**
 * Chat with the workspace's model: replies stream token by token with their
 * time to first token and tokens/s. Disabled, with the reason, while the
 * model is not ready or the user may not chat with it.
 *
 * @public
 */
export const ChatPanel = ({ workspace }: { workspace: WorkspaceDetails }) => {
  const { t } = useTranslationRef(kaitoTranslationRef);
  const { allowed, loading: checkingPermission } = usePermission({
    permission: kaitoWorkspaceChatPermission,
    resourceRef: workspace.key,
  });
  const models = chatModels(workspace);
  const [settings, setSettings] = useState<ChatSettings>({
    model: models[0].value,
    systemPrompt: '',
    temperature: 0.7,
    maxTokens: 512,
  });
  const [draft, setDraft] = useState('');
  const [settingErrors, setSettingErrors] = useState<string[]>([]);
  const onSettingErrors = useCallback(
    (errors: string[]) => setSettingErrors(errors),
    [],
  );
  // The kept history is the user's own, readable with the chat permission.
  const chat = useChat(workspace.ref, {
    keepHistory: !checkingPermission && allowed,
  });
  const contextLength = presetContextLength(workspace.preset);
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastContentLength =
    chat.turns[chat.turns.length - 1]?.content.length ?? 0;

  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: scrollRef.current.scrollHeight });
  }, [chat.turns.length, lastContentLength]);

  const notReady = chatUnavailableReason(workspace);
  const reason =
    notReady ??
    (!checkingPermission && !allowed
      ? t('chat.notAllowed')
      : undefined);
  const disabled = Boolean(reason) || checkingPermission;
  const settingsInvalid = settingErrors.length > 0;
  let emptyConversationText: string = t('chat.emptyConversation');
  if (chat.loadingHistory) {
    emptyConversationText = t('chat.loadingHistory');
  } else if (disabled) {
    emptyConversationText = t('chat.opensWhenReady');
  }
  const context =
    contextLength === undefined
      ? undefined
      : contextWarning(
          contextUse({
            texts: [
              settings.systemPrompt,
              ...chat.turns
                .filter(turn => !turn.error)
                .map(turn => turn.content),
              draft,
            ],
            maxTokens: settings.maxTokens,
            contextLength,
          }),
        );

  const submit = () => {
    if (!draft.trim() || chat.streaming || disabled || settingsInvalid) {
      return;
    }
    chat.send(draft, settings);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title={t('chat.title')}
      subheader={t('chat.subheader')}
    >
      {reason && (
        <Alert
          severity="info"
          style={{ marginBottom: 16 }}
          data-testid="chat-disabled-reason"
        >
          {reason}
        </Alert>
      )}
      <ChatSettingsForm
        settings={settings}
        models={models}
        disabled={disabled}
        maxTokensLimit={contextLength}
        onChange={setSettings}
        onErrorsChange={onSettingErrors}
      />
      {chat.historyError && (
        <Alert
          severity="warning"
          style={{ marginTop: 16 }}
          data-testid="chat-history-error"
        >
          {chat.historyError}
        </Alert>
      )}
      <Box
        {...{ ref: scrollRef }}
        role="log"
        aria-label={t('chat.conversationLabel')}
        aria-live="polite"
        display="flex"
        flexDirection="column"
        style={{
          gap: 8,
          maxHeight: 420,
          minHeight: 120,
          overflowY: 'auto',
          margin: '16px 0',
        }}
      >
        {chat.turns.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {emptyConversationText}
          </Typography>
        ) : (
          chat.turns.map(turn => <ChatTurnView key={turn.id} turn={turn} />)
        )}
      </Box>
      {context && (
        <Alert
          severity="warning"
          style={{ marginBottom: 8 }}
          data-testid="chat-context-warning"
        >
          {context}
        </Alert>
      )}
      <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
        <TextField
          fullWidth
          multiline
          maxRows={6}
          variant="outlined"
          size="small"
          placeholder={t('chat.messagePlaceholder')}
          value={draft}
          disabled={disabled}
          onChange={e => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          inputProps={{ 'aria-label': t('chat.messageLabel') }}
        />
        {chat.streaming ? (
          <Button
            variant="outlined"
            startIcon={<StopIcon />}
            onClick={chat.stop}
          >
            {t('chat.stop')}
          </Button>
        ) : (
          <Button
            variant="contained"
            color="primary"
            startIcon={<SendIcon />}
            disabled={disabled || !draft.trim() || settingsInvalid}
            onClick={submit}
          >
            {t('chat.send')}
          </Button>
        )}
        <Button
          disabled={chat.turns.length === 0 || chat.streaming}
          onClick={chat.clear}
          title={t('chat.clearTitle')}
        >
          {t('chat.clear')}
        </Button>
      </Box>
      {settingsInvalid && (
        <Typography
          variant="caption"
          color="error"
          role="alert"
          data-testid="chat-settings-errors"
        >
          {t('chat.fixSettings', { errors: settingErrors.join('; ') })}
        </Typography>
      )}
    </InfoCard>
  );
};
