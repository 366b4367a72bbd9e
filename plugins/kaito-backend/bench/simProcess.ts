/**
 * Runs a cluster simulator in its own process for the benchmarks (so it does
 * not share an event loop with the backend being measured). Prints one JSON
 * line `{ url, token, kubeconfig }` and exits when its stdin closes.
 * Options come as one JSON argument (ClusterSimulatorOptions).
 */
import { startClusterSimulator } from '@kaito-backstage/cluster-sim';

async function main() {
  const sim = await startClusterSimulator(JSON.parse(process.argv[2] ?? '{}'));
  process.stdout.write(`${JSON.stringify({ url: sim.url, token: sim.token, kubeconfig: sim.kubeconfigYaml() })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => sim.stop().then(() => process.exit(0)));
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
