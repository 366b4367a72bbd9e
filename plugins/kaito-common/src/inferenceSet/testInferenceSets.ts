import { InferenceSet } from './inferenceSet';

/** Test helper: Kaito's phi-4-mini InferenceSet example, in namespace team-a. @internal */
export function phiInferenceSet(change: (set: InferenceSet) => void = () => {}): InferenceSet {
  const set: InferenceSet = {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'InferenceSet',
    metadata: { name: 'phi-4-mini', namespace: 'team-a', uid: 'uid-1', generation: 2 },
    spec: {
      replicas: 3,
      nodeCountLimit: 5,
      labelSelector: { matchLabels: { apps: 'phi-4-mini' } },
      template: {
        resource: { instanceType: 'Standard_NC24ads_A100_v4' },
        inference: { preset: { name: 'phi-4-mini-instruct' } },
      },
    },
  };
  change(set);
  return set;
}
