import { explicitMaxModelLen } from './inferenceConfig';

describe('explicitMaxModelLen', () => {
  it.each([
    ['vllm:\n  cpu-offload-gb: 0\n  max-model-len: 131072\n', 131072],
    ['max_probe_steps: 6\n\nvllm:\n  # comment\n  max-model-len: 4096\n', 4096],
    ['vllm:\n  max-model-len: "8192"\n', 8192],
    ['vllm:\n  gpu-memory-utilization: 0.92\n', undefined],
    ['max-model-len: 4096\n', undefined],
    ['vllm:\n  max-model-len: auto\n', undefined],
    ['vllm:\n  max-model-len: 0\n', undefined],
    ['vllm: [unclosed', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %p', (yaml, expected) => {
    expect(explicitMaxModelLen(yaml)).toBe(expected);
  });
});
