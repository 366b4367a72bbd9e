import { useId } from 'react';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { ChatSettings } from '../../../hooks/useChat';
import { NumberField } from './NumberField';

/** Model or adapter, temperature, max tokens and the system prompt. @internal */
export const ChatSettingsForm = (props: {
  settings: ChatSettings;
  models: Array<{ value: string; label: string }>;
  disabled: boolean;
  onChange: (settings: ChatSettings) => void;
}) => {
  const { settings, models, disabled, onChange } = props;
  // Labels reach their inputs only through ids; several panels may share a page.
  const id = useId();
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6}>
        <TextField
          select
          fullWidth
          size="small"
          variant="outlined"
          id={`${id}-model`}
          label="Model or adapter"
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
          label="Temperature"
          value={settings.temperature}
          min={0}
          max={2}
          step={0.1}
          disabled={disabled}
          onCommit={temperature => onChange({ ...settings, temperature })}
        />
      </Grid>
      <Grid item xs={6} sm={3}>
        <NumberField
          id={`${id}-max-tokens`}
          label="Max tokens"
          value={settings.maxTokens}
          min={1}
          max={32768}
          step={1}
          integer
          disabled={disabled}
          onCommit={maxTokens => onChange({ ...settings, maxTokens })}
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
          label="System prompt"
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
