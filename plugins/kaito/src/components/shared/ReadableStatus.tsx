import { ReactNode } from 'react';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';

const STATUS = {
  ok: StatusOK,
  error: StatusError,
  pending: StatusPending,
  running: StatusRunning,
  warning: StatusWarning,
};

/**
 * Backstage's status components hide themselves from assistive technology
 * (`aria-hidden`, and an `aria-label` a plain span may not carry), which
 * leaves screen readers nothing of the value; these props undo both so the
 * value is read as its text. The coloured icon stays decorative.
 */
const readable = { 'aria-hidden': undefined, 'aria-label': undefined } as {};

/** A status value with Backstage's coloured icon, read by screen readers as its text. @internal */
export const ReadableStatus = ({
  kind,
  children,
}: {
  kind: keyof typeof STATUS;
  children: ReactNode;
}) => {
  const Status = STATUS[kind];
  return <Status {...readable}>{children}</Status>;
};
