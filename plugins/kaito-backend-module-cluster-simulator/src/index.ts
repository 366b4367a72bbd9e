/**
 * Backend module of the Kaito plugin: `kaito.clusters` entries of
 * `type: simulator` run as in-process simulated Kubernetes clusters.
 *
 * @packageDocumentation
 */
export { kaitoClusterSimulatorModule as default } from './module';
