import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ChatRateLimiter } from '../service/rateLimiter';
import { StreamLimiter } from '../service/streamLimiter';
import { AuditStore } from './AuditStore';

const DAY_MS = 86_400_000;

/** What the retention task cleans. @internal */
export interface AuditRetentionOptions {
  audit: AuditStore;
  chatRateLimiter: ChatRateLimiter;
  chatStreamLimiter: StreamLimiter;
  retentionDays: number;
  logger: LoggerService;
  now?: () => number;
}

/**
 * One run of the retention task: deletes audit rows older than
 * `retentionDays`, the chat rate counters of windows that have ended, and
 * chat stream slots whose replica stopped renewing them.
 *
 * @internal
 */
export async function pruneAuditLog(options: AuditRetentionOptions): Promise<{ auditRows: number; rateWindows: number; streamSlots: number }> {
  const now = options.now?.() ?? Date.now();
  const auditRows = await options.audit.deleteOlderThan(new Date(now - options.retentionDays * DAY_MS));
  const rateWindows = await options.chatRateLimiter.prune();
  const streamSlots = await options.chatStreamLimiter.prune();
  if (auditRows > 0) {
    options.logger.info(`Deleted ${auditRows} audit entries older than ${options.retentionDays} days (kaito.audit.retentionDays)`);
  }
  return { auditRows, rateWindows, streamSlots };
}

/**
 * Runs {@link pruneAuditLog} hourly on one replica at a time (the
 * scheduler's global scope), so rate counters stay few and the audit table
 * never holds more than `retentionDays` of history.
 *
 * @internal
 */
export async function scheduleAuditRetention(scheduler: SchedulerService, options: AuditRetentionOptions): Promise<void> {
  await scheduler.scheduleTask({
    id: 'kaito-audit-retention',
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      await pruneAuditLog(options);
    },
  });
}
