import { ReadableStatus } from './ReadableStatus';

/** A condition column (`True`, `False`, `Unknown` or empty): a status icon and the value as text. @internal */
export const ConditionStatus = ({ value }: { value?: string }) => {
  if (!value) {
    return <>-</>;
  }
  if (value === 'True') {
    return <ReadableStatus kind="ok">True</ReadableStatus>;
  }
  if (value === 'False') {
    return <ReadableStatus kind="error">False</ReadableStatus>;
  }
  return <ReadableStatus kind="pending">{value}</ReadableStatus>;
};
