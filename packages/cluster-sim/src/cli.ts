import { parseArgs } from 'node:util';
import { startClusterSimulator } from './ClusterSimulator';

const USAGE = `Usage: cluster-sim [--port 6443] [--kubeconfig ./kubeconfig.sim] [--token T] [--snapshot state.json]
                   [--provision-ms 3000] [--model-load-ms 3000] [--image-pull-ms 1000] [--no-behaviour] [--no-tls]

Starts the simulated Kubernetes API (with GPU nodes, pods and model servers) on https://127.0.0.1
with a certificate from a CA generated at start, and writes a kubeconfig that trusts that CA
(it changes at every start). Then: kubectl --kubeconfig ./kubeconfig.sim get workspaces -A
--no-tls serves plain HTTP (kubectl then refuses to send the token).`;

/** Runs the CLI with the given arguments. @internal */
export async function runCli(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      kubeconfig: { type: 'string', default: './kubeconfig.sim' },
      token: { type: 'string' },
      snapshot: { type: 'string' },
      'provision-ms': { type: 'string' },
      'model-load-ms': { type: 'string' },
      'image-pull-ms': { type: 'string' },
      'no-behaviour': { type: 'boolean', default: false },
      'no-tls': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const off = values['no-behaviour'];
  const sim = await startClusterSimulator({
    port: Number(values.port),
    token: values.token,
    snapshotPath: values.snapshot,
    tls: !values['no-tls'],
    behaviour: {
      provisioner: { enabled: !off, delayMs: num(values['provision-ms']) },
      scheduler: { enabled: !off },
      kubelet: { enabled: !off, modelLoadMs: num(values['model-load-ms']), imagePullMs: num(values['image-pull-ms']) },
      workloads: { enabled: !off },
    },
  });
  await sim.writeKubeconfig(values.kubeconfig!);
  process.stdout.write(`cluster-sim listening on ${sim.url}\nkubeconfig written to ${values.kubeconfig}\n  kubectl --kubeconfig ${values.kubeconfig} get nodes\n`);
  const shutdown = async () => {
    await sim.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
