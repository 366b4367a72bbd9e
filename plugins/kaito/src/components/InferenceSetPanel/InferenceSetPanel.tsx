import { useCallback, useEffect, useRef, useState } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { InferenceSetSummary } from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../api/KaitoApi';
import { errorMessage } from '../../lib/errorMessage';
import { SimpleTable } from '../shared/SimpleTable';
import { WorkspaceStateChip } from '../shared/WorkspaceStateChip';
import { useWorkspaceLink } from '../../hooks/useWorkspaceLink';

/** How often the sets are read again while the tab is open. */
const REFRESH_MS = 2000;

/** The sets an entity's tab shows: those serving the entity, or owning one of its linked workspaces. */
export function setsOfEntity(sets: readonly InferenceSetSummary[], entityRef: string, workspaceKeys: readonly string[]): InferenceSetSummary[] {
  const linked = new Set(workspaceKeys);
  return sets.filter(
    set =>
      set.entityRef?.toLowerCase() === entityRef.toLowerCase() ||
      set.replicaWorkspaces.some(r => linked.has(`${set.ref.cluster}/${set.ref.namespace}/${r.name}`)),
  );
}

/** The workspace keys of the sets' replicas, as their live reading lists them. */
export function replicaKeysOf(sets: readonly InferenceSetSummary[]): string[] {
  return sets.flatMap(set => set.replicaWorkspaces.map(r => `${set.ref.cluster}/${set.ref.namespace}/${r.name}`));
}

/**
 * The workspaces to pick from: the linked ones, less replicas a set once listed and lists no more
 * (scaled down or gone, while the link lookup still has them), then the sets' replicas not linked
 * yet (scaled up). Linked workspaces no set ever listed stay as they are.
 */
export function withLiveReplicas(linked: readonly string[], liveReplicas: readonly string[], everReplicas: ReadonlySet<string>): string[] {
  const live = new Set(liveReplicas);
  const kept = linked.filter(key => live.has(key) || !everReplicas.has(key));
  return [...new Set([...kept, ...liveReplicas])];
}

/**
 * Keeps the workspace picker in step with the InferenceSet panel's live reading: pass `onSets`
 * to the panel and pick from `keys`. @internal
 */
export function useLiveReplicaKeys(linked: readonly string[]): { keys: string[]; onSets: (sets: InferenceSetSummary[]) => void } {
  const everReplicas = useRef(new Set<string>());
  const [liveReplicas, setLiveReplicas] = useState<string[]>([]);
  const onSets = useCallback((sets: InferenceSetSummary[]) => {
    const replicas = replicaKeysOf(sets);
    for (const key of replicas) everReplicas.current.add(key);
    setLiveReplicas(current => (current.join('\n') === replicas.join('\n') ? current : replicas));
  }, []);
  return { keys: withLiveReplicas(linked, liveReplicas, everReplicas.current), onSets };
}

function describeScaling(set: InferenceSetSummary): string | undefined {
  const a = set.autoscaling;
  return a ? `Autoscaling ${a.minReplicas} to ${a.maxReplicas} replicas on ${a.metric} (target ${a.threshold} per replica)` : undefined;
}

const ScaleControl = ({ set, onScaled }: { set: InferenceSetSummary; onScaled: (set: InferenceSetSummary) => void }) => {
  const api = useApi(kaitoApiRef);
  const [value, setValue] = useState(String(set.replicas));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const id = `kaito-scale-${set.key.replace(/[^a-z0-9-]/gi, '-')}`;
  const replicas = Number(value);
  const valid = /^\d+$/.test(value) && replicas <= 100;
  const scale = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      onScaled(await api.scaleInferenceSet(set.ref, replicas));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box display="flex" alignItems="flex-start" style={{ gap: 12 }} mt={2}>
      <TextField
        id={id}
        label="Replicas"
        size="small"
        variant="outlined"
        value={value}
        onChange={e => setValue(e.target.value.trim())}
        error={!valid || Boolean(problem)}
        helperText={(!valid && 'A whole number from 0 to 100') || problem || ' '}
        inputProps={{ inputMode: 'numeric', 'aria-describedby': `${id}-helper-text` }}
        style={{ width: 360 }}
      />
      <Button variant="outlined" color="primary" disabled={!valid || busy || replicas === set.replicas} onClick={scale}>
        Scale
      </Button>
    </Box>
  );
};

/** Deletes the set after a second click; its replica workspaces go with it. */
const DeleteControl = ({ set }: { set: InferenceSetSummary }) => {
  const api = useApi(kaitoApiRef);
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<'idle' | 'deleting' | 'deleted'>('idle');
  const [problem, setProblem] = useState<string>();
  const remove = async () => {
    setState('deleting');
    setProblem(undefined);
    try {
      await api.deleteInferenceSet(set.ref);
      setState('deleted');
    } catch (error) {
      setProblem(errorMessage(error));
      setState('idle');
    }
  };
  if (state === 'deleted' || set.deleting) return <Typography variant="body2">InferenceSet deleted; its replicas are going.</Typography>;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 12 }} mt={1}>
      {confirming ? (
        <>
          <Button variant="contained" color="secondary" disabled={state === 'deleting'} onClick={remove}>
            Delete {set.replicas} replica{set.replicas === 1 ? '' : 's'} and the set
          </Button>
          <Button onClick={() => setConfirming(false)}>Keep it</Button>
        </>
      ) : (
        <Button variant="outlined" onClick={() => setConfirming(true)}>
          Delete set
        </Button>
      )}
      {problem && <Typography color="error" variant="body2">{problem}</Typography>}
    </Box>
  );
};

/** One set: its readiness, its replicas and their states (each links to its workspace, where it chats), scaling and deletion. */
const InferenceSetCard = ({ set, onScaled }: { set: InferenceSetSummary; onScaled: (set: InferenceSetSummary) => void }) => {
  const workspaceLink = useWorkspaceLink();
  const replicaKey = (name: string) => `${set.ref.cluster}/${set.ref.namespace}/${name}`;
  return (
  <InfoCard title={`InferenceSet ${set.key}`} subheader={`${set.readyReplicas}/${set.replicas} replicas ready${set.preset ? ` · ${set.preset}` : ''}${set.instanceType ? ` on ${set.instanceType}` : ''}`}>
    {!set.ready && set.message && (
      <Alert severity={set.reason === 'InvalidInferenceSet' ? 'error' : 'info'} style={{ marginBottom: 12 }}>
        {set.reason}: {set.message}
      </Alert>
    )}
    {describeScaling(set) && (
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {describeScaling(set)}
      </Typography>
    )}
    <SimpleTable
      label={`Replicas of ${set.key}`}
      rows={set.replicaWorkspaces}
      rowKey={r => r.name}
      emptyMessage="No replica yet"
      columns={[
        { title: 'Replica workspace', render: r => (workspaceLink ? <Link to={workspaceLink(replicaKey(r.name))}>{r.name}</Link> : r.name) },
        { title: 'State', render: r => (r.state ? <WorkspaceStateChip state={r.state} deleting={r.deleting} /> : 'Pending') },
      ]}
    />
    <ScaleControl set={set} onScaled={onScaled} />
    <DeleteControl set={set} />
  </InfoCard>
  );
};

/**
 * The InferenceSets behind an entity's LLM workspaces (Kaito's replicated workspaces):
 * each with its ready count, its replicas' states, autoscaling, and a replica count to
 * scale to (kaito.workspace.update; the backend checks quota and the node count limit).
 * Chat goes to a replica's workspace below; each serves the model under the set's name.
 *
 * @internal
 */
export const InferenceSetPanel = ({
  entityRef,
  workspaceKeys,
  onSets,
}: {
  entityRef: string;
  workspaceKeys: readonly string[];
  /** Told of every reading of the entity's sets (and of a scale's answer), e.g. for a workspace picker. */
  onSets?: (sets: InferenceSetSummary[]) => void;
}) => {
  const api = useApi(kaitoApiRef);
  const [sets, setSets] = useState<InferenceSetSummary[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    onSets?.(sets);
  }, [sets, onSets]);
  // A new array of the same keys on every render must not restart the polling.
  const keys = workspaceKeys.join('\n');
  useEffect(() => {
    let stopped = false;
    const read = () =>
      api.listInferenceSets().then(
        all => {
          if (stopped) return;
          setSets(setsOfEntity(all, entityRef, keys ? keys.split('\n') : []));
          setError(undefined);
        },
        e => {
          if (!stopped) setError(errorMessage(e));
        },
      );
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, entityRef, keys]);
  if (error) return <Alert severity="warning">Inference sets: {error}</Alert>;
  if (sets.length === 0) return null;
  return (
    <Box mb={2} display="flex" flexDirection="column" style={{ gap: 16 }}>
      {sets.map(set => (
        <InferenceSetCard key={set.key} set={set} onScaled={scaled => setSets(all => all.map(s => (s.key === scaled.key ? { ...s, ...scaled } : s)))} />
      ))}
    </Box>
  );
};
