import { useId, useState } from 'react';
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
          onChange={e => onChange({ ...settings, systemPrompt: e.target.value })}
        />
      </Grid>
    </Grid>
  );
};

/**
 * A number input that lets the user clear and retype it: the text is kept
 * as typed, and each value in range is committed; leaving the field shows
 * the committed value again.
 */
const NumberField = (props: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  disabled: boolean;
  onCommit: (value: number) => void;
}) => {
  const { id, label, value, min, max, step, integer, disabled, onCommit } = props;
  const [text, setText] = useState(String(value));
  return (
    <TextField
      id={id}
      fullWidth
      size="small"
      variant="outlined"
      type="number"
      label={label}
      value={text}
      disabled={disabled}
      inputProps={{ min, max, step }}
      onChange={e => {
        setText(e.target.value);
        const parsed = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(parsed) && parsed >= min && parsed <= max) {
          onCommit(integer ? Math.round(parsed) : parsed);
        }
      }}
      onBlur={() => setText(String(value))}
    />
  );
};
