import { CatalogModel } from './catalogModels';

/** Kaito sizes the KV cache as fp16 whatever the model's kv-cache dtype. */
const KV_CACHE_BYTES_PER_ELEMENT = 2;

/**
 * KV-cache bytes one token takes across all layers, as Kaito's preset generator computes
 * it: multi-head latent attention stores `kvLoraRank + qkRopeHeadDim` elements per layer,
 * other attention `2 × kvHeads × headDim` (headDim defaults to hiddenSize / attentionHeads).
 *
 * @public
 */
export function kvCacheBytesPerToken(
  model: Pick<CatalogModel, 'hiddenSize' | 'layers' | 'attentionHeads' | 'kvHeads' | 'headDim' | 'kvLoraRank' | 'qkRopeHeadDim'>,
): number {
  const elementsPerLayer = model.kvLoraRank
    ? model.kvLoraRank + (model.qkRopeHeadDim ?? 0)
    : 2 * model.kvHeads * (model.headDim ?? Math.floor(model.hiddenSize / model.attentionHeads));
  return elementsPerLayer * model.layers * KV_CACHE_BYTES_PER_ELEMENT;
}
