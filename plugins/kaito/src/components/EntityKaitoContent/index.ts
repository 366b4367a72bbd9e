export { EntityKaitoContent } from './EntityKaitoContent';
