import { useState } from 'react';
import TextField from '@material-ui/core/TextField';

/**
 * A number input that lets the user clear and retype it: the text is kept
 * as typed, and each value in range is committed; leaving the field shows
 * the committed value again.
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
}) => {
  const { id, label, value, min, max, step, integer, disabled, onCommit } =
    props;
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
        if (
          e.target.value.trim() !== '' &&
          Number.isFinite(parsed) &&
          parsed >= min &&
          parsed <= max
        ) {
          onCommit(integer ? Math.round(parsed) : parsed);
        }
      }}
      onBlur={() => setText(String(value))}
    />
  );
};
