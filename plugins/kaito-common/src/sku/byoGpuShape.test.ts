import { byoGpuShape, gpuShapeFromNodeLabels } from './byoGpuShape';

const a100x4 = (name: string, overrides: Record<string, string> = {}) => ({
  name,
  labels: { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/gpu.count': '4', 'nvidia.com/gpu.memory': '81920', ...overrides },
});

describe('gpuShapeFromNodeLabels', () => {
  it('reads count, product and per-GPU MiB rounded to GiB, times the count', () => {
    expect(gpuShapeFromNodeLabels(a100x4('n1'))).toEqual({
      ok: true,
      sku: { name: 'unknown', cloud: 'custom', gpuCount: 4, gpuMemoryGiB: 320, perGpuMemoryGiB: 80, gpuModel: 'NVIDIA-A100-SXM4-80GB', nvme: false },
    });
    // 23028 MiB (an A10) is 22.49 GiB, rounded to 22
    expect(gpuShapeFromNodeLabels(a100x4('n1', { 'nvidia.com/gpu.count': '1', 'nvidia.com/gpu.memory': '23028' }))).toMatchObject({
      sku: { gpuCount: 1, gpuMemoryGiB: 22 },
    });
  });

  it.each([
    [{ name: 'bare', labels: {} }, 'missing required nvidia.com labels on node bare'],
    [a100x4('n', { 'nvidia.com/gpu.count': 'four' }), 'invalid nvidia.com/gpu.count value on node n: four'],
    [a100x4('n', { 'nvidia.com/gpu.memory': '80Gi' }), 'invalid nvidia.com/gpu.memory value on node n: 80Gi'],
  ])('refuses %j', (node, message) => {
    expect(gpuShapeFromNodeLabels(node)).toEqual({ ok: false, message });
  });
});

describe('byoGpuShape', () => {
  it('gives the shape the nodes share', () => {
    expect(byoGpuShape([a100x4('n1'), a100x4('n2')])).toMatchObject({ ok: true, sku: { gpuCount: 4, gpuMemoryGiB: 320 } });
  });

  it.each([
    [[], 'No nodes found matching the specified label selector'],
    [[a100x4('n1'), { name: 'n2' }], 'Failed to get GPU config from nvidia labels on node n2: missing required nvidia.com labels on node n2'],
    [[a100x4('n1'), a100x4('n2', { 'nvidia.com/gpu.product': 'NVIDIA-H100' })], /^Non-uniform GPU product: node n2 has NVIDIA-H100 GPUs, but previous node has NVIDIA-A100-SXM4-80GB GPUs/],
    [[a100x4('n1'), a100x4('n2', { 'nvidia.com/gpu.count': '8' })], 'Non-uniform GPU count: node n2 has 8 GPUs, but previous node has 4 GPUs'],
    [[a100x4('n1'), a100x4('n2', { 'nvidia.com/gpu.memory': '40960' })], 'Non-uniform GPU memory: node n2 has 160Gi memory, but previous node has 320Gi memory'],
  ])('refuses %j', (nodes, message) => {
    const result = byoGpuShape(nodes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});
