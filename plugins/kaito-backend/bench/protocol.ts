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
  | { type: 'stop' };

export type SimulatorReply =
  | { type: 'ready'; url: string; token: string }
  | { type: 'created' }
  | { type: 'counts'; counts: RequestCounts; writes: WriteCounts }
  | { type: 'objects'; byKind: Record<string, number> };
