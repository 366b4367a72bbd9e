import { KaitoAnnotations } from '../labels';
import { RenderContext } from './renderContext';

/**
 * Whether the model server may run the model repository's own Python code
 * (vLLM's `--trust-remote-code`, transformers' `trust_remote_code`). Catalog
 * presets (built-in, or declared in `kaito.catalog` by an operator) get it as
 * Kaito renders it: their code has been looked at. Any other Hugging Face id
 * gets it only when an administrator allowed it for that workspace (the
 * `backstage.kaito.sh/trust-remote-code: "true"` annotation) and the portal's
 * config lets that annotation count; otherwise a request naming an arbitrary
 * repository would run arbitrary code on the GPU nodes.
 *
 * @public
 */
export function trustsRemoteCode(context: Pick<RenderContext, 'preset' | 'settings' | 'workspace'>): boolean {
  if (context.preset) return true;
  return (
    context.settings.allowTrustRemoteCode === true &&
    context.workspace.metadata.annotations?.[KaitoAnnotations.trustRemoteCode] === 'true'
  );
}
