import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { WorkspaceFilters } from './filterWorkspaces';

const STATES = [
  'Pending',
  'Ready',
  'NotReady',
  'Running',
  'Succeeded',
  'Failed',
] as const;

const Select = (props: {
  label: string;
  value: string;
  options: string[];
  onChange: (value: string) => void;
}) => (
  <TextField
    select
    fullWidth
    size="small"
    variant="outlined"
    id={`kaito-filter-${props.label.toLowerCase()}`}
    label={props.label}
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    SelectProps={{
      inputProps: { 'data-testid': `filter-${props.label.toLowerCase()}` },
    }}
  >
    <MenuItem value="">Any</MenuItem>
    {props.options.map(option => (
      <MenuItem key={option} value={option}>
        {option}
      </MenuItem>
    ))}
  </TextField>
);

/** Cluster, state and owner filters. @internal */
export const WorkspaceFiltersBar = (props: {
  filters: WorkspaceFilters;
  clusters: string[];
  owners: string[];
  onChange: (filters: WorkspaceFilters) => void;
}) => {
  const { filters, clusters, owners, onChange } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={4}>
        <Select
          label="Cluster"
          value={filters.cluster}
          options={clusters}
          onChange={cluster => onChange({ ...filters, cluster })}
        />
      </Grid>
      <Grid item xs={12} sm={4}>
        <Select
          label="State"
          value={filters.state}
          options={[...STATES]}
          onChange={state =>
            onChange({ ...filters, state: state as WorkspaceFilters['state'] })
          }
        />
      </Grid>
      <Grid item xs={12} sm={4}>
        <Select
          label="Owner"
          value={filters.owner}
          options={owners}
          onChange={owner => onChange({ ...filters, owner })}
        />
      </Grid>
    </Grid>
  );
};
