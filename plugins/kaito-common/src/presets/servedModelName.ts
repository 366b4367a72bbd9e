/**
 * The model name Kaito serves a Hugging Face model under: the repository name, lower-cased
 * (`google/gemma-3-4b-it` → `gemma-3-4b-it`). vLLM answers only that name, or an adapter's.
 *
 * @public
 */
export function servedModelName(hfRepo: string): string {
  const segments = hfRepo.trim().split('/');
  return segments[segments.length - 1].toLowerCase();
}
