import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';

interface CatalogEntity {
  kind: string;
  metadata: { name: string; namespace?: string };
}

/**
 * A `catalog` plugin serving fixed entities at `GET /entities/by-name/...`,
 * which is all the scaffolder asks the catalog for when it runs a template.
 * The real catalog needs the scaffolder entity-model module to accept
 * `Template` entities, which this package does not depend on.
 */
export function fakeCatalogPlugin(entities: CatalogEntity[]) {
  const byRef = new Map(
    entities.map(e => [`${e.kind}/${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLocaleLowerCase('en-US'), e]),
  );
  return createBackendPlugin({
    pluginId: 'catalog',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.use((req, res, next) => {
            const match = /^\/entities\/by-name\/([^/]+)\/([^/]+)\/([^/?]+)/.exec(req.path);
            if (req.method !== 'GET' || !match) {
              next();
              return;
            }
            const ref = match.slice(1).map(decodeURIComponent).join('/').toLocaleLowerCase('en-US');
            const entity = byRef.get(ref);
            if (entity) {
              res.json({ ...entity, metadata: { namespace: 'default', ...entity.metadata } });
            } else {
              res.status(404).json({ error: { name: 'NotFoundError', message: `No entity ${ref}` } });
            }
          });
        },
      });
    },
  });
}
