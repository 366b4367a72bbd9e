import { KaitoAnnotations } from '../labels';
import { Workspace } from '../api/workspace';
import { renderWorkspaceChildren } from './renderWorkspaceChildren';
import { RenderSettings } from './renderSettings';

function workspace(preset: string, annotations: Record<string, string> = {}): Workspace {
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name: 'ws', namespace: 'team-a', uid: 'uid-1', annotations },
    resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'ws' } } },
    inference: { preset: { name: preset } },
  };
}

/** The model server's command line. */
function commandOf(ws: Workspace, settings: Partial<RenderSettings> = {}): string {
  const { statefulSet } = renderWorkspaceChildren(ws, { cloud: 'azure', provisioner: 'gpu-provisioner', ...settings });
  return statefulSet!.spec!.template.spec!.containers[0].command!.join(' ');
}

const trusted = { [KaitoAnnotations.trustRemoteCode]: 'true' };

describe('trust-remote-code', () => {
  it('is rendered for a catalog preset, by name or by its Hugging Face id', () => {
    expect(commandOf(workspace('phi-4-mini-instruct'))).toContain('--trust-remote-code');
    expect(commandOf(workspace('microsoft/Phi-4-mini-instruct'))).toContain('--trust-remote-code');
  });

  it('is not rendered for a Hugging Face id no catalog knows', () => {
    const command = commandOf(workspace('someone/untrusted-model'));
    expect(command).toContain('--model=someone/untrusted-model');
    expect(command).not.toContain('trust-remote-code');
  });

  it('ignores the annotation unless config lets an administrator allow it', () => {
    expect(commandOf(workspace('someone/untrusted-model', trusted))).not.toContain('trust-remote-code');
    expect(commandOf(workspace('someone/untrusted-model', trusted), { allowTrustRemoteCode: true })).toContain('--trust-remote-code');
    expect(commandOf(workspace('someone/untrusted-model', { [KaitoAnnotations.trustRemoteCode]: 'yes' }), { allowTrustRemoteCode: true })).not.toContain(
      'trust-remote-code',
    );
  });

  it('is not borrowed by a Hugging Face id whose served name is a catalog model’s (transformers table)', () => {
    const ws = workspace('someone/phi-3-mini-4k-instruct', { [KaitoAnnotations.runtime]: 'transformers' });
    const command = commandOf(ws);
    expect(command).toContain('--served_model_name=phi-3-mini-4k-instruct');
    expect(command).not.toContain('trust_remote_code');
    expect(commandOf(workspace('phi-3-mini-4k-instruct', { [KaitoAnnotations.runtime]: 'transformers' }))).toContain('--trust_remote_code');
  });
});
