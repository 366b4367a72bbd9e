import { KubeObject } from '../types';
import { isInferenceContainer } from './Kubelet';

/** In-memory container logs, with start-up lines like a model server's. @internal */
export class PodLogs {
  private readonly lines = new Map<string, string[]>();

  /** `tokenDelayMs`: the simulated model server's delay per token, which its benchmark reports. */
  constructor(private readonly now: () => number, private readonly tokenDelayMs = 30) {}

  append(pod: KubeObject, container: string | undefined, line: string): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}/${container ?? ''}`;
    const list = this.lines.get(key) ?? [];
    list.push(`${new Date(this.now()).toISOString()} ${line}`);
    if (list.length > 5000) list.splice(0, list.length - 5000);
    this.lines.set(key, list);
  }

  started(pod: KubeObject): void {
    for (const container of pod.spec?.containers ?? []) {
      if (isInferenceContainer(container)) {
        this.append(pod, container.name, `INFO [simulated] starting model server: ${[...(container.command ?? []), ...(container.args ?? [])].join(' ')}`);
        this.append(pod, container.name, 'INFO [simulated] loading model weights (this is the Kaito Backstage cluster simulator; no GPU is used)');
      } else {
        this.append(pod, container.name, `[simulated] container ${container.name} started from ${container.image}`);
      }
    }
  }

  ready(pod: KubeObject): void {
    for (const container of pod.spec?.containers ?? []) {
      if (isInferenceContainer(container)) {
        this.append(pod, container.name, 'INFO [simulated] Application startup complete.');
        this.append(pod, container.name, 'INFO [simulated] Uvicorn running on http://0.0.0.0:5000 (Press CTRL+C to quit)');
        if (runsBenchmark(container) && pod.metadata.name?.endsWith('-0')) this.benchmarked(pod, container.name);
      }
    }
  }

  /**
   * The line Kaito's post-load benchmark prints when its startup probe has run it: one
   * simulated stream at the model server's token delay.
   */
  private benchmarked(pod: KubeObject, container: string): void {
    const delay = Math.max(1, this.tokenDelayMs);
    const result = { vllm_total_tpm: Math.round(60_000 / delay), ttft_avg_ms: delay, tpot_avg_ms: delay };
    this.append(pod, container, `INFO [simulated] KAITO_BENCHMARK_RESULT result ${JSON.stringify(result)}`);
  }

  read(namespace: string, pod: string, options: { container?: string; tailLines?: number }): string {
    const list = this.lines.get(`${namespace}/${pod}/${options.container ?? ''}`) ?? [];
    const selected = options.tailLines !== undefined ? list.slice(-options.tailLines) : list;
    return selected.length ? `${selected.join('\n')}\n` : '';
  }

  forget(namespace: string, pod: string): void {
    for (const key of [...this.lines.keys()]) if (key.startsWith(`${namespace}/${pod}/`)) this.lines.delete(key);
  }
}

/** Whether the container's startup probe is Kaito's benchmark entrypoint. */
function runsBenchmark(container: { startupProbe?: { exec?: { command?: string[] } } }): boolean {
  return (container.startupProbe?.exec?.command ?? []).some(part => part.includes('benchmark_entrypoint.py'));
}
