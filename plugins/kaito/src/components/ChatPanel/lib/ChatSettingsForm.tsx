import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { ChatSettings } from '../../../hooks/useChat';

/** Model or adapter, temperature, max tokens and the system prompt. @internal */
export const ChatSettingsForm = (props: {
  settings: ChatSettings;
  models: Array<{ value: string; label: string }>;
  disabled: boolean;
  onChange: (settings: ChatSettings) => void;
}) => {
  const { settings, models, disabled, onChange } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6}>
        <TextField
          select
          fullWidth
          size="small"
          variant="outlined"
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
        <TextField
          fullWidth
          size="small"
          variant="outlined"
          type="number"
          label="Temperature"
          value={settings.temperature}
          disabled={disabled}
          inputProps={{ min: 0, max: 2, step: 0.1 }}
          onChange={e => onChange({ ...settings, temperature: clamp(Number(e.target.value), 0, 2) })}
        />
      </Grid>
      <Grid item xs={6} sm={3}>
        <TextField
          fullWidth
          size="small"
          variant="outlined"
          type="number"
          label="Max tokens"
          value={settings.maxTokens}
          disabled={disabled}
          inputProps={{ min: 1, max: 32768, step: 1 }}
          onChange={e => onChange({ ...settings, maxTokens: Math.round(clamp(Number(e.target.value), 1, 32768)) })}
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
          label="System prompt"
          value={settings.systemPrompt}
          disabled={disabled}
          onChange={e => onChange({ ...settings, systemPrompt: e.target.value })}
        />
      </Grid>
    </Grid>
  );
};

function clamp(value: number, min: number, max: number): number {
  if (Number.isNaN(value)) {
    return min;
  }
  return Math.min(max, Math.max(min, value));
}
