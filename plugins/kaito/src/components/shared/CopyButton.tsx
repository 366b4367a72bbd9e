import { useEffect, useState } from 'react';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import FileCopyIcon from '@material-ui/icons/FileCopyOutlined';
import CheckIcon from '@material-ui/icons/Check';
import useCopyToClipboard from 'react-use/esm/useCopyToClipboard';

/** An icon button that copies `text` and confirms it briefly. @internal */
export const CopyButton = ({
  text,
  label,
}: {
  text: string;
  label: string;
}) => {
  const [{ error }, copy] = useCopyToClipboard();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) {
      return undefined;
    }
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  let title = copied ? 'Copied' : label;
  if (error) {
    title = `Could not copy: ${error.message}`;
  }
  return (
    <Tooltip title={title}>
      <IconButton
        size="small"
        aria-label={label}
        onClick={() => {
          copy(text);
          setCopied(true);
        }}
      >
        {copied ? (
          <CheckIcon fontSize="small" />
        ) : (
          <FileCopyIcon fontSize="small" />
        )}
      </IconButton>
    </Tooltip>
  );
};
