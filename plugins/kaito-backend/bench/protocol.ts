/* Messages between the benchmark (reconcile.ts) and its simulator process. */

/** The backend's API requests as the proxy saw them, by verb. */
export interface RequestCounts {
  get: number;
  list: number;
  watch: number;
  create: number;
  update: number;
  patch: number;
  delete: number;
}

/** The backend's writes as the proxy saw them, by `<verb> <resource>[/<subresource>]`, e.g. `patch workspaces/status`. */
export type WriteCounts = Record<string, number>;

export type SimulatorCommand =
  | { type: 'create'; workspaces: object[] }
  | { type: 'counts' }
  | { type: 'resetCounts' }
  | { type: 'objects'; plurals: string[] }
  /** Creates namespaces (the scale benchmark spreads workspaces over many). */
  | { type: 'namespaces'; names: string[] }
  /** Sets annotation `bench.kaito.sh/probe` on a workspace: a change every reader of it must see. */
  | { type: 'touch'; namespace: string; name: string; value: string }
  /** The children a workspace's controller made (its NodeClaim, Services, StatefulSet), as stored. */
  | { type: 'children'; namespace: string; name: string }
  | { type: 'stop' };

export type SimulatorReply =
  | { type: 'ready'; url: string; token: string }
  | { type: 'created'; uids?: string[] }
  | { type: 'counts'; counts: RequestCounts; writes: WriteCounts; /** The simulator process's CPU so far. */ cpuMs: number }
  | { type: 'objects'; byKind: Record<string, number> }
  | { type: 'namespaces' }
  | { type: 'touched'; at: number }
  | { type: 'children'; objects: Array<{ plural: string; object: any }>; workspace: any };
