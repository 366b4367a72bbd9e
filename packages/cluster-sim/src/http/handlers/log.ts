import { badRequest } from '../../errors';
import { HandlerContext } from '../HandlerContext';
import { queryInt } from '../respond';

/** GET pods/{name}/log: the simulated container's output as plain text. @internal */
export function handleLog(ctx: HandlerContext): void {
  const pod = ctx.api.get(ctx.scope, ctx.name!);
  const containers: any[] = pod.spec?.containers ?? [];
  const container = ctx.query.get('container') ?? (containers.length === 1 ? containers[0].name : undefined);
  if (!container) {
    throw badRequest(
      `a container name must be specified for pod ${ctx.name}, choose one of: [${containers.map(c => c.name).join(' ')}]`,
    );
  }
  if (!containers.some(c => c.name === container) && !(pod.spec?.initContainers ?? []).some((c: any) => c.name === container)) {
    throw badRequest(`container ${container} is not valid for pod ${ctx.name}`);
  }
  const status = (pod.status?.containerStatuses ?? []).find((s: any) => s.name === container);
  if (!status || (status.state?.waiting && !status.lastState?.terminated && !status.restartCount)) {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
    throw badRequest(`container "${container}" in pod "${ctx.name}" is waiting to start: ${reason}`);
  }
  const text = ctx.readLog?.(pod.metadata.namespace!, ctx.name!, {
    container,
    tailLines: queryInt(ctx.query, 'tailLines'),
    previous: ctx.query.get('previous') === 'true',
  }) ?? '';
  ctx.res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
  ctx.res.end(text);
}
