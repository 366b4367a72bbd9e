import { kvCacheBytesPerToken } from './kvCacheBytesPerToken';

describe('kvCacheBytesPerToken', () => {
  it.each([
    // grouped-query attention, head dim from hidden size: 2 × 10 × (5120 / 40) × 40 layers × 2 bytes
    ['GQA (phi-4)', { hiddenSize: 5120, layers: 40, attentionHeads: 40, kvHeads: 10 }, 204800],
    // explicit head dim: 2 × 4 × 256 × 34 × 2
    ['explicit head dim (gemma-3-4b)', { hiddenSize: 2560, layers: 34, attentionHeads: 8, kvHeads: 4, headDim: 256 }, 139264],
    // multi-head latent attention: (512 + 64) × 61 × 2
    ['MLA (DeepSeek-R1)', { hiddenSize: 7168, layers: 61, attentionHeads: 128, kvHeads: 128, kvLoraRank: 512, qkRopeHeadDim: 64 }, 70272],
  ])('%s', (_name, model, bytes) => {
    expect(kvCacheBytesPerToken(model)).toBe(bytes);
  });
});
