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

export type SimulatorCommand =
  | { type: 'create'; workspaces: object[] }
  | { type: 'counts' }
  | { type: 'resetCounts' }
  | { type: 'objects'; plurals: string[] }
  | { type: 'stop' };

export type SimulatorReply =
  | { type: 'ready'; url: string; token: string }
  | { type: 'created' }
  | { type: 'counts'; counts: RequestCounts }
  | { type: 'objects'; byKind: Record<string, number> };
