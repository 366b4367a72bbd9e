import { useEffect, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { kaitoTranslationRef } from '../../../translation';
import type { WorkspaceFilters } from './listSearchParams';

const STATES = [
  'Pending',
  'Ready',
  'NotReady',
  'Running',
  'Succeeded',
  'Failed',
] as const;

/** Typing pauses this long before the search goes to the server: one stream per word, not per key. */
const SEARCH_DEBOUNCE_MS = 300;

const Select = (props: {
  /** Stable whatever the language: browser tests find the filter by it. */
  id: string;
  label: string;
  anyLabel: string;
  value: string;
  options: string[];
  onChange: (value: string) => void;
}) => (
  <TextField
    select
    fullWidth
    size="small"
    variant="outlined"
    id={`kaito-filter-${props.id}`}
    label={props.label}
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    SelectProps={{
      inputProps: { 'data-testid': `filter-${props.id}` },
    }}
  >
    <MenuItem value="">{props.anyLabel}</MenuItem>
    {/* A value the URL set that the server no longer lists stays choosable, so the select shows it. */}
    {[
      ...props.options,
      ...(props.value && !props.options.includes(props.value)
        ? [props.value]
        : []),
    ].map(option => (
      <MenuItem key={option} value={option}>
        {option}
      </MenuItem>
    ))}
  </TextField>
);

/** The search box: the server searches once typing pauses; a new URL value replaces what is typed. */
const SearchField = (props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) => {
  const { value, onChange } = props;
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return undefined;
    const timer = setTimeout(() => onChange(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <TextField
      fullWidth
      size="small"
      variant="outlined"
      type="search"
      id="kaito-filter-q"
      label={props.label}
      value={text}
      onChange={e => setText(e.target.value)}
      inputProps={{ 'data-testid': 'filter-q', maxLength: 600 }}
    />
  );
};

/**
 * Cluster, state and owner filters and a text search. The options come from
 * the server (every readable workspace's clusters and owners), not the page.
 *
 * @internal
 */
export const WorkspaceFiltersBar = (props: {
  filters: WorkspaceFilters;
  clusters: string[];
  owners: string[];
  onChange: (filters: WorkspaceFilters) => void;
}) => {
  const { filters, clusters, owners, onChange } = props;
  const { t } = useTranslationRef(kaitoTranslationRef);
  const any = t('workspacesPage.filters.any');
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={3}>
        <Select
          id="cluster"
          label={t('workspacesPage.filters.cluster')}
          anyLabel={any}
          value={filters.cluster}
          options={clusters}
          onChange={cluster => onChange({ ...filters, cluster })}
        />
      </Grid>
      <Grid item xs={12} sm={3}>
        <Select
          id="state"
          label={t('workspacesPage.filters.state')}
          anyLabel={any}
          value={filters.state}
          options={[...STATES]}
          onChange={state =>
            onChange({ ...filters, state: state as WorkspaceFilters['state'] })
          }
        />
      </Grid>
      <Grid item xs={12} sm={3}>
        <Select
          id="owner"
          label={t('workspacesPage.filters.owner')}
          anyLabel={any}
          value={filters.owner}
          options={owners}
          onChange={owner => onChange({ ...filters, owner })}
        />
      </Grid>
      <Grid item xs={12} sm={3}>
        <SearchField
          label={t('workspacesPage.filters.search')}
          value={filters.q}
          onChange={q => onChange({ ...filters, q })}
        />
      </Grid>
    </Grid>
  );
};
