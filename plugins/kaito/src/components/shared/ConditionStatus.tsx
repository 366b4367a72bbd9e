import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';

/** A condition column (`True`, `False`, `Unknown` or empty) with a status icon. @internal */
export const ConditionStatus = ({ value }: { value?: string }) => {
  if (!value) {
    return <>-</>;
  }
  if (value === 'True') {
    return <StatusOK>True</StatusOK>;
  }
  if (value === 'False') {
    return <StatusError>False</StatusError>;
  }
  return <StatusPending>{value}</StatusPending>;
};
