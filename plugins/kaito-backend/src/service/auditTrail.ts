import { AuditorService, AuditorServiceEvent, AuditorServiceEventSeverityLevel } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { AuditEntry } from '@kaito-backstage/plugin-kaito-common';
import { Request } from 'express';
import { AuditStore } from '../database/AuditStore';

/** Errors that mean "not allowed", as opposed to "wrong request" or "broken". */
const DENIED = new Set(['NotAllowedError', 'AuthenticationError', 'TooManyRequestsError']);
/** Errors that mean the request itself was wrong (validation, quota, ownership, conflict). */
const REFUSED = new Set(['InputError', 'ConflictError', 'NotFoundError']);

/** How an error ends up in the activity table. @internal */
export function outcomeOf(error: Error): AuditEntry['outcome'] {
  if (DENIED.has(error.name)) return 'denied';
  if (REFUSED.has(error.name)) return 'refused';
  return 'failure';
}

/** The auditor event id of each action, kebab-case as the auditor service asks. */
const EVENT_IDS: Record<AuditEntry['action'], string> = {
  create: 'workspace-create',
  update: 'workspace-update',
  delete: 'workspace-delete',
  chat: 'workspace-chat',
};

const SEVERITY: Record<AuditEntry['action'], AuditorServiceEventSeverityLevel> = {
  create: 'medium',
  update: 'medium',
  delete: 'medium',
  chat: 'low',
};

/**
 * One audited action: an event in Backstage's auditor service (which adds
 * the caller and the request itself) and a row in the activity table.
 * Create the action before any check runs, so a refusal is recorded too.
 *
 * @internal
 */
export class AuditedAction {
  #actor?: string;
  #rowId?: number;
  /** The `started` row while it is being written (settles, never rejects). */
  #starting?: Promise<void>;
  #record = true;

  constructor(
    private readonly event: AuditorServiceEvent,
    private readonly store: AuditStore,
    private readonly action: AuditEntry['action'],
    private readonly workspace: string,
  ) {}

  /** Who is acting, once their credentials are known; without one, only the auditor records the action. */
  by(actor: string): this {
    this.#actor = actor;
    return this;
  }

  /** Keeps the action out of the activity table (a dry run); the auditor still records it. */
  withoutRow(): this {
    this.#record = false;
    return this;
  }

  /**
   * Records the action as under way now (a chat), before it ends; `detail`
   * stays unless the end replaces it. The caller need not wait for the row:
   * the end waits for it, and writes a row of its own if this one failed.
   */
  started(detail?: string): Promise<void> {
    if (!this.#actor || !this.#record) return Promise.resolve();
    const starting = this.store
      .record({ actor: this.#actor, action: this.action, workspace: this.workspace, outcome: 'started', detail })
      .then(id => {
        this.#rowId = id;
      });
    this.#starting = starting.catch(() => undefined);
    return starting;
  }

  async succeeded(detail?: string): Promise<void> {
    await this.event.success({ meta: { workspace: this.workspace } });
    await this.row('success', detail);
  }

  async failed(error: Error): Promise<void> {
    const outcome = outcomeOf(error);
    await this.event.fail({ error, meta: { workspace: this.workspace, outcome } });
    await this.row(outcome, error.message);
  }

  private async row(outcome: AuditEntry['outcome'], detail: string | undefined): Promise<void> {
    await this.#starting;
    if (this.#rowId !== undefined) {
      await this.store.complete(this.#rowId, { outcome, detail });
    } else if (this.#actor && this.#record) {
      await this.store.record({ actor: this.#actor, action: this.action, workspace: this.workspace, outcome, detail });
    }
  }
}

/**
 * Starts audited actions for the REST routes.
 *
 * @internal
 */
export class AuditTrail {
  constructor(private readonly auditor: AuditorService, private readonly store: AuditStore) {}

  /**
   * `req` is the HTTP request of a REST route; an action of the actions registry has none
   * and says in `meta` who acts and through what.
   */
  async begin(req: Request | undefined, action: AuditEntry['action'], workspace: string, meta: JsonObject = {}): Promise<AuditedAction> {
    const event = await this.auditor.createEvent({
      eventId: EVENT_IDS[action],
      severityLevel: SEVERITY[action],
      ...(req ? { request: req } : {}),
      meta: { ...meta, workspace },
    });
    return new AuditedAction(event, this.store, action, workspace);
  }
}
