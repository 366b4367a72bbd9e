export { InferenceSetPanel, setsOfEntity, useLiveReplicaKeys } from './InferenceSetPanel';
