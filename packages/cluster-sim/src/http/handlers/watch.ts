import { HandlerContext } from '../HandlerContext';
import { queryFlag, queryInt } from '../respond';

/** GET of a collection with `watch=true`: a stream of newline-delimited JSON events. @internal */
export function handleWatch(ctx: HandlerContext): void {
  const { res, req } = ctx;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache' });
    res.flushHeaders();
  };
  const fieldSelector = ctx.query.get('fieldSelector') ?? undefined;
  const name = ctx.name;
  const watch = ctx.hub.open(
    {
      scope: ctx.scope,
      resourceVersion: ctx.query.get('resourceVersion') ?? undefined,
      labelSelector: ctx.query.get('labelSelector') ?? undefined,
      fieldSelector: name ? [fieldSelector, `metadata.name=${name}`].filter(Boolean).join(',') : fieldSelector,
      allowWatchBookmarks: queryFlag(ctx.query, 'allowWatchBookmarks'),
      timeoutSeconds: queryInt(ctx.query, 'timeoutSeconds'),
      sendInitialEvents: queryFlag(ctx.query, 'sendInitialEvents'),
    },
    {
      write: line => {
        start();
        return res.write(line);
      },
      end: () => {
        start();
        res.end();
      },
      pendingBytes: () => res.writableLength,
    },
  );
  start();
  req.on('close', () => watch.close());
  res.on('close', () => watch.close());
}
