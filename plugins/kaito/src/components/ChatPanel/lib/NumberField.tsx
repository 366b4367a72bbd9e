import { useEffect, useState } from 'react';
import TextField from '@material-ui/core/TextField';

/** Why `text` is not an allowed value, or `undefined` when it is. @internal */
export function numberFieldError(
  text: string,
  limits: { label: string; min: number; max: number; integer?: boolean },
): string | undefined {
  const { label, min, max, integer } = limits;
  const range = `from ${min} to ${max}`;
  const parsed = Number(text);
  if (text.trim() === '' || !Number.isFinite(parsed)) {
    return `${label}: enter a number ${range}`;
  }
  if (integer && !Number.isInteger(parsed)) {
    return `${label}: enter a whole number ${range}`;
  }
  if (parsed < min || parsed > max) {
    return `${label} must be ${range}; ${text} is out of range`;
  }
  return undefined;
}

/**
 * A number input that lets the user clear and retype it: the text is kept
 * as typed, each allowed value is committed, and anything else shows why
 * it is not allowed (and is reported, so the form can hold back sending)
 * instead of being silently replaced.
 *
 * @internal
 */
export const NumberField = (props: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  disabled: boolean;
  onCommit: (value: number) => void;
  onError: (error: string | undefined) => void;
}) => {
  const {
    id,
    label,
    value,
    min,
    max,
    step,
    integer,
    disabled,
    onCommit,
    onError,
  } = props;
  const [text, setText] = useState(String(value));
  const error = numberFieldError(text, { label, min, max, integer });

  // A limit that moves (the model's context window) can make the value wrong.
  useEffect(() => onError(error), [error, onError]);

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
      error={Boolean(error)}
      helperText={error}
      inputProps={{ min, max, step }}
      onChange={e => {
        setText(e.target.value);
        if (!numberFieldError(e.target.value, { label, min, max, integer })) {
          onCommit(Number(e.target.value));
        }
      }}
      onBlur={() => !error && setText(String(value))}
    />
  );
};
