/*
 * The catalog module of the scale benchmark (kaito-backend bench/scale.ts),
 * in its own process so its CPU is its own: the real KaitoEntityProvider
 * reading the benchmark's backend over HTTP, subscribed to an in-process
 * events service that the benchmark feeds with the backend's change events.
 * The catalog's side is a connection that counts what it is sent.
 * Argument: `{ baseUrl }` of the kaito API. Driven over IPC.
 */
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { EntityProviderConnection, EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { WORKSPACE_CHANGED_TOPIC } from '@kaito-backstage/plugin-kaito-common';
import { KaitoEntityProvider } from '../src/providers/KaitoEntityProvider';

/** What the benchmark sends. */
export type ScaleCatalogCommand =
  | { type: 'changed'; eventPayload: unknown }
  | { type: 'fullSync' }
  | { type: 'stats' }
  | { type: 'stop' };

/** What this process answers. */
export type ScaleCatalogMessage =
  | { type: 'ready' }
  | { type: 'synced' }
  | { type: 'stats'; cpuMs: number; mutations: number; entitiesWritten: number; entitiesRemoved: number; reads: number; entities: number; pending: number };

// KAITO_BENCH_LOG_CATALOG=1 (diagnostic): the provider's warnings on stderr.
const silentLogger: any = { info() {}, warn: (m: string) => process.env.KAITO_BENCH_LOG_CATALOG && process.stderr.write(`catalog: ${m}\n`), error() {}, debug() {}, child: () => silentLogger };
const send = (message: ScaleCatalogMessage) => process.send!(message);

/** The catalog's end: keeps the entity set the mutations describe, to check the mirror is whole. */
class CountingConnection implements EntityProviderConnection {
  readonly entities = new Set<string>();
  async applyMutation(mutation: EntityProviderMutation) {
    if (mutation.type === 'full') {
      this.entities.clear();
      mutation.entities.forEach(e => this.entities.add(e.entity.metadata.name));
      return;
    }
    mutation.added.forEach(e => this.entities.add(e.entity.metadata.name));
    mutation.removed.forEach(e => this.entities.delete('entityRef' in e ? e.entityRef.split('/').pop()! : e.entity.metadata.name));
  }
  async refresh() {}
}

async function main() {
  const { baseUrl } = JSON.parse(process.argv[2]) as { baseUrl: string };
  const events = DefaultEventsService.create({ logger: silentLogger });
  const connection = new CountingConnection();
  let fullSync: (() => Promise<void>) | undefined;
  let pending = 0;
  const provider = new KaitoEntityProvider({
    discovery: { getBaseUrl: async () => baseUrl, getExternalBaseUrl: async () => baseUrl },
    // The benchmark's backend takes any caller as its fixed user.
    auth: { getOwnServiceCredentials: async () => ({}), getPluginRequestToken: async () => ({ token: 'bench' }) } as any,
    logger: silentLogger,
    events,
    taskRunner: { run: async task => void (fullSync = () => task.fn(new AbortController().signal) as Promise<void>) },
  });
  await provider.connect(connection);
  process.on('message', async (command: ScaleCatalogCommand) => {
    switch (command.type) {
      case 'changed':
        pending++;
        await events.publish({ topic: WORKSPACE_CHANGED_TOPIC, eventPayload: command.eventPayload }).finally(() => pending--);
        return;
      case 'fullSync':
        await fullSync!();
        send({ type: 'synced' });
        return;
      case 'stats': {
        const cpu = process.cpuUsage();
        send({ type: 'stats', cpuMs: (cpu.user + cpu.system) / 1000, ...provider.stats, entities: connection.entities.size, pending: pending + provider.pendingReads });
        return;
      }
      case 'stop':
        process.exit(0);
        return;
      default:
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
