import { ResourceApi } from '../api/ResourceApi';
import { KubeObject } from '../types';

/** Creates (or replaces) CRDs directly in the API, as `kubectl apply` of their manifests would. @public */
export function installCrds(api: ResourceApi, crds: readonly KubeObject[]): void {
  const scope = api.scope('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const crd of crds) {
    const existing = api.store.peek('customresourcedefinitions.apiextensions.k8s.io', undefined, crd.metadata.name!);
    if (existing) {
      api.update(scope, crd.metadata.name!, { ...crd, metadata: { ...crd.metadata, resourceVersion: existing.metadata.resourceVersion } }, { fieldManager: 'cluster-sim' });
    } else {
      api.create(scope, crd, { fieldManager: 'cluster-sim' });
    }
  }
}
