export { InferenceSetPanel, setsOfEntity } from './InferenceSetPanel';
