import { KubeObject } from '../types';
import { isInferenceContainer } from '../controllers/Kubelet';

/** What the simulated model server of a pod serves. @internal */
export interface InferenceTarget {
  runtime: 'vllm' | 'transformers';
  model: string;
  adapters: string[];
  port: number;
}

function flagValue(command: string, names: string[]): string | undefined {
  for (const name of names) {
    const match = new RegExp(`${name}[= ]+['"]?([^\\s'"]+)`).exec(command);
    if (match) return match[1];
  }
  return undefined;
}

/** Reads the model server a pod runs from its container command, or undefined if none. @internal */
export function inferenceTargetOf(pod: KubeObject): InferenceTarget | undefined {
  const container = (pod.spec?.containers ?? []).find(isInferenceContainer);
  if (!container) return undefined;
  const command = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
  const transformers = /\/workspace\/tfs\/|--served_model_name|accelerate launch/.test(command);
  const model =
    flagValue(command, ['--served-model-name', '--served_model_name']) ??
    pod.metadata.labels?.['kaito.sh/workspace'] ??
    pod.metadata.name!;
  const adapters = (pod.spec?.initContainers ?? [])
    .map((c: any) => /^puller-(.+)$/.exec(c.name)?.[1])
    .filter((name: string | undefined): name is string => Boolean(name));
  const port = (container.ports ?? []).find((p: any) => p.name === 'http')?.containerPort ?? container.ports?.[0]?.containerPort ?? 5000;
  return { runtime: transformers ? 'transformers' : 'vllm', model, adapters, port };
}
