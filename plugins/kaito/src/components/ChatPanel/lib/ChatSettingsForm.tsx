import { useCallback, useEffect, useId, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { ChatSettings } from '../../../hooks/useChat';
import { NumberField } from './NumberField';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { kaitoTranslationRef } from '../../../translation';

/**
 * The limits the chat proxy allows (kaito-common `chatCompletionRequestSchema`):
 * temperature 0 to 2, max tokens a whole number of at least 1. Max tokens is
 * also held under the model's context window when it is known.
 *
 * @internal
 */
export const CHAT_SETTING_LIMITS = {
  temperature: { min: 0, max: 2, step: 0.1 },
  maxTokens: { min: 1, max: 32768, step: 1 },
} as const;

/** Model or adapter, temperature, max tokens and the system prompt. @internal */
export const ChatSettingsForm = (props: {
  settings: ChatSettings;
  models: Array<{ value: string; label: string }>;
  disabled: boolean;
  /** Largest max tokens: the model's context window, when known. */
  maxTokensLimit?: number;
  onChange: (settings: ChatSettings) => void;
  /** The settings that are not allowed now, each with why; empty when all are. */
  onErrorsChange: (errors: string[]) => void;
}) => {
  const {
    settings,
    models,
    disabled,
    maxTokensLimit,
    onChange,
    onErrorsChange,
  } = props;
  // Labels reach their inputs only through ids; several panels may share a page.
  const { t } = useTranslationRef(kaitoTranslationRef);
  const id = useId();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const temperatureError = useCallback(
    (error?: string) =>
      setErrors(current => ({ ...current, temperature: error })),
    [],
  );
  const maxTokensError = useCallback(
    (error?: string) =>
      setErrors(current => ({ ...current, maxTokens: error })),
    [],
  );
  const errorText = Object.values(errors).filter(Boolean).join('\n');
  useEffect(() => {
    onErrorsChange(errorText ? errorText.split('\n') : []);
  }, [errorText, onErrorsChange]);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6}>
        <TextField
          select
          fullWidth
          size="small"
          variant="outlined"
          id={`${id}-model`}
          label={t('chat.modelLabel')}
          value={settings.model}
          disabled={disabled}
          onChange={e => onChange({ ...settings, model: e.target.value })}
          SelectProps={{ inputProps: { 'data-testid': 'chat-model' } }}
        >
          {models.map(model => (
            <MenuItem key={model.value} value={model.value}>
              {model.label}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={6} sm={3}>
        <NumberField
          id={`${id}-temperature`}
          label={t('chat.temperatureLabel')}
          value={settings.temperature}
          {...CHAT_SETTING_LIMITS.temperature}
          disabled={disabled}
          onCommit={temperature => onChange({ ...settings, temperature })}
          onError={temperatureError}
        />
      </Grid>
      <Grid item xs={6} sm={3}>
        <NumberField
          id={`${id}-max-tokens`}
          label={t('chat.maxTokensLabel')}
          value={settings.maxTokens}
          {...CHAT_SETTING_LIMITS.maxTokens}
          max={Math.min(
            maxTokensLimit ?? Infinity,
            CHAT_SETTING_LIMITS.maxTokens.max,
          )}
          integer
          disabled={disabled}
          onCommit={maxTokens => onChange({ ...settings, maxTokens })}
          onError={maxTokensError}
        />
      </Grid>
      <Grid item xs={12}>
        <TextField
          fullWidth
          multiline
          minRows={1}
          maxRows={4}
          size="small"
          variant="outlined"
          id={`${id}-system-prompt`}
          label={t('chat.systemPromptLabel')}
          value={settings.systemPrompt}
          disabled={disabled}
          onChange={e =>
            onChange({ ...settings, systemPrompt: e.target.value })
          }
        />
      </Grid>
    </Grid>
  );
};
