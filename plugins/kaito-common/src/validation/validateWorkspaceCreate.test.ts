import { Workspace } from '../api/workspace';
import { findPreset } from '../presets/findPreset';
import { ModelPreset } from '../presets/modelPreset';
import { GpuSku } from '../sku/gpuSku';
import { inferenceWorkspace, tuningWorkspace } from './testWorkspaces';
import { validateWorkspaceCreate } from './validateWorkspaceCreate';
import { ValidationContext } from './validationContext';

const azure: ValidationContext = { cloud: 'azure' };
const byo: ValidationContext = { cloud: 'azure', nodeAutoProvisioning: false };
const adapter = (name: string, strength?: string) => ({
  source: { name, image: `myacr.azurecr.io/adapters/${name}:1` },
  ...(strength === undefined ? {} : { strength }),
});
const annotate = (key: string, value: string) => (ws: Workspace) => {
  ws.metadata.annotations = { ...ws.metadata.annotations, [key]: value };
};

const withCustomPreset = (overrides: Partial<ModelPreset>): ValidationContext => ({
  cloud: 'azure',
  catalog: { customPresets: [{ ...findPreset('phi-4')!, aliases: [], ...overrides }] },
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('validateWorkspaceCreate', () => {
  it.each([
    ['an inference workspace', inferenceWorkspace()],
    ['a tuning workspace', tuningWorkspace()],
    ['a template workspace', inferenceWorkspace(ws => (ws.inference = { template: { spec: { containers: [] } } }))],
    ['a Hugging Face id', inferenceWorkspace(ws => (ws.inference!.preset!.name = 'microsoft/Phi-4-mini-instruct'))],
    ['a vLLM adapter without strength', inferenceWorkspace(ws => (ws.inference!.adapters = [adapter('a')]))],
    ['a template workspace whose adapter has a strength', inferenceWorkspace(ws => {
      ws.inference = { template: { spec: { containers: [] } }, adapters: [adapter('a', '0.5')] };
    })],
    ['an adapter named as a DNS subdomain', inferenceWorkspace(ws => (ws.inference!.adapters = [adapter('support.tone-v2')]))],
    ['transformers on two nodes when the model fits one', inferenceWorkspace(ws => {
      annotate('kaito.sh/runtime', 'transformers')(ws);
      ws.inference!.preset!.name = 'phi-3-mini-4k-instruct';
      ws.resource.count = 2;
    })],
    ['any Azure D-series size', inferenceWorkspace(ws => (ws.resource.instanceType = 'Standard_D4s_v5'))],
    ['any Azure N-series size', inferenceWorkspace(ws => (ws.resource.instanceType = 'Standard_NC4as_T4_v3'))],
    ['a tuning method in another case', tuningWorkspace(ws => (ws.tuning!.method = 'QLoRA'))],
    ['transformers with adapter strength', inferenceWorkspace(ws => {
      annotate('kaito.sh/runtime', 'transformers')(ws);
      ws.inference!.preset!.name = 'phi-3-mini-128k-instruct';
      ws.inference!.adapters = [adapter('a', '0.3'), adapter('b', '0')];
    })],
    ['a volume adapter', inferenceWorkspace(ws => (ws.inference!.adapters = [{ source: { name: 'v', volumeSource: { persistentVolumeClaim: { claimName: 'c' } } } }]))],
    ['a gated model with its secret', inferenceWorkspace(ws => (ws.inference!.preset = { name: 'llama-3.1-8b-instruct', presetOptions: { modelAccessSecret: 'hf' } }))],
  ])('accepts %s without errors', (_name, ws) => {
    const result = validateWorkspaceCreate(ws, azure);
    expect(result.issues.filter(i => i.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each<[string, Workspace, ValidationContext['inferenceConfig']]>([
    ['an inference ConfigMap with vllm flags', inferenceWorkspace(ws => (ws.inference!.config = 'cfg')), { found: true, yaml: 'vllm:\n  max-model-len: 8192\n  gpu-memory-utilization: 0.9\n' }],
    ['an inference ConfigMap without a vllm section', inferenceWorkspace(ws => (ws.inference!.config = 'cfg')), { found: true, yaml: 'transformers: {}\n' }],
    ['a missing ConfigMap on transformers, which Kaito does not check', inferenceWorkspace(ws => {
      ws.inference!.config = 'cfg';
      annotate('kaito.sh/runtime', 'transformers')(ws);
      ws.inference!.preset!.name = 'phi-3-mini-4k-instruct';
    }), { found: false }],
    ['a max-model-len that is no integer for a model without a token limit', inferenceWorkspace(ws => {
      ws.inference!.config = 'cfg';
      ws.inference!.preset!.name = 'my-org/my-model';
    }), { found: true, yaml: 'vllm:\n  max-model-len: 4k\n' }],
  ])('accepts %s', (_name, ws, inferenceConfig) => {
    expect(validateWorkspaceCreate(ws, { ...azure, inferenceConfig }).issues.filter(i => i.severity === 'error')).toEqual([]);
  });

  // Each case: description, workspace, context, expected path, expected message (exact or pattern), severity.
  it.each<[string, Workspace, ValidationContext, string, string | RegExp, 'error' | 'warning']>([
    ['neither inference nor tuning', inferenceWorkspace(ws => delete ws.inference), azure, 'inference', 'Either Inference or Tuning must be specified, not neither', 'error'],
    ['both inference and tuning', inferenceWorkspace(ws => (ws.tuning = tuningWorkspace().tuning)), azure, 'tuning', 'Either Inference or Tuning must be specified, but not both', 'error'],
    ['a bad name', inferenceWorkspace(ws => (ws.metadata.name = 'Phi_4')), azure, 'metadata.name', /^'Phi_4' is not a valid name/, 'error'],
    ['a too long name', inferenceWorkspace(ws => (ws.metadata.name = 'a'.repeat(64))), azure, 'metadata.name', /is not a valid name: use at most 63/, 'error'],
    ['no instanceType with NAP', inferenceWorkspace(ws => delete ws.resource.instanceType), azure, 'resource.instanceType', /^instanceType is required when node auto-provisioning is enabled/, 'error'],
    ['an instanceType in BYO mode', inferenceWorkspace(), byo, 'resource.instanceType', /^instanceType must be empty when node auto-provisioning is disabled \(BYO scenario\)/, 'error'],
    ['an Azure size outside the table', inferenceWorkspace(ws => (ws.resource.instanceType = 'Standard_D4s_v5')), azure, 'resource.instanceType', /^Standard_D4s_v5 is not in Kaito's SKU table: Kaito accepts any Azure N- or D-series size, but its GPU shape is unknown here, so GPU fit is not checked/, 'warning'],
    ['an unknown SKU', inferenceWorkspace(ws => (ws.resource.instanceType = 'Standard_E4s_v5')), azure, 'resource.instanceType', /^Unsupported instance type Standard_E4s_v5\. Supported SKUs on Azure: Standard_NC24ads_A100_v4, .*Standard_NV72ads_A10_v5\. To use another SKU, declare it/, 'error'],
    ['an AWS SKU on Azure', inferenceWorkspace(ws => (ws.resource.instanceType = 'g5.xlarge')), azure, 'resource.instanceType', 'g5.xlarge is an AWS instance type, but this cluster runs on Azure', 'error'],
    ['a retired SKU', inferenceWorkspace(ws => (ws.resource.instanceType = 'Standard_NC6s_v3')), azure, 'resource.instanceType', /^Standard_NC6s_v3 \(V100\) was removed from Kaito's SKU table after v0\.4\.6 because its CUDA compute capability is below 8\.0; .*Standard_NC24ads_A100_v4 or Standard_NV36ads_A10_v5$/, 'warning'],
    ['a partition with NAP', inferenceWorkspace(ws => (ws.resource.partition = { mode: 'mig', profile: '1g.10gb' })), azure, 'resource.partition', /^GPU partitioning is only supported with BYO nodes/, 'error'],
    ['a KV cache too big for the SKU (vLLM)', inferenceWorkspace(ws => {
      ws.resource.instanceType = 'Standard_NV36ads_A10_v5';
      ws.inference!.preset!.name = 'gemma-3-27b-instruct';
      ws.inference!.config = 'cfg';
    }), { cloud: 'azure', maxModelLen: 131072 }, 'resource.instanceType', /^Standard_NV36ads_A10_v5 has 20\.16 GiB usable per GPU, but the vLLM runtime and a KV cache for 131072 tokens need 64\.3 GiB per GPU/, 'error'],
    ['a KV cache too big, bypassed', inferenceWorkspace(ws => {
      ws.resource.instanceType = 'Standard_NV36ads_A10_v5';
      ws.inference!.preset!.name = 'gemma-3-27b-instruct';
      ws.inference!.config = 'cfg';
      annotate('kaito.sh/bypass-resource-checks', 'true')(ws);
    }), { cloud: 'azure', maxModelLen: 131072 }, 'resource.instanceType', /^Standard_NV36ads_A10_v5 has 20\.16 GiB usable per GPU/, 'warning'],
    ['the bypass annotation itself', inferenceWorkspace(annotate('kaito.sh/bypass-resource-checks', '')), azure, 'metadata.annotations["kaito.sh/bypass-resource-checks"]', /^GPU memory checks are bypassed/, 'warning'],
    ['a model too big (transformers)', inferenceWorkspace(ws => {
      ws.resource.instanceType = 'Standard_NV36ads_A10_v5';
      ws.inference!.preset!.name = 'phi-3-medium-4k-instruct';
      annotate('kaito.sh/runtime', 'transformers')(ws);
    }), azure, 'resource.instanceType', 'Insufficient total GPU memory: Instance type Standard_NV36ads_A10_v5 has a total of 24 GiB, but preset phi-3-medium-4k-instruct requires at least 26 GiB', 'error'],
    ['multi-node transformers for a model larger than one node', inferenceWorkspace(ws => {
      ws.resource.count = 2;
      ws.resource.instanceType = 'Standard_NV36ads_A10_v5';
      ws.inference!.preset!.name = 'phi-3-medium-4k-instruct';
      annotate('kaito.sh/runtime', 'transformers')(ws);
    }), azure, 'resource.count', /^Multi-node distributed inference is not supported with Huggingface Transformers runtime/, 'error'],
    ['count with vLLM', inferenceWorkspace(ws => (ws.resource.count = 2)), azure, 'resource.count', /^count is deprecated and ignored by the vLLM runtime/, 'warning'],
    ['too few GPUs for a custom preset', inferenceWorkspace(ws => (ws.inference!.preset!.name = 'two-gpu-model')), withCustomPreset({ name: 'two-gpu-model', gpuCountRequirement: 2 }), 'resource.instanceType', 'Insufficient number of GPUs: Instance type Standard_NC24ads_A100_v4 provides 1, but preset two-gpu-model requires at least 2', 'warning'],
    ['preset and template', inferenceWorkspace(ws => (ws.inference!.template = {})), azure, 'inference.template', 'Preset and Template cannot be set at the same time; remove one of them', 'error'],
    ['neither preset nor template', inferenceWorkspace(ws => (ws.inference = {})), azure, 'inference', /^Preset or Template must be specified/, 'error'],
    ['an unknown preset', inferenceWorkspace(ws => (ws.inference!.preset!.name = 'phi-5')), azure, 'inference.preset.name', /^Unsupported inference preset name phi-5\. Did you mean phi-4, phi-4-mini-instruct, phi-3-mini-4k-instruct/, 'error'],
    ['an unknown preset without suggestion', inferenceWorkspace(ws => (ws.inference!.preset!.name = 'zzz')), azure, 'inference.preset.name', /^Unsupported inference preset name zzz\. Use a preset from the catalog/, 'error'],
    ['an unknown Hugging Face model', inferenceWorkspace(ws => (ws.inference!.preset!.name = 'acme/secret-model')), azure, 'inference.preset.name', /^acme\/secret-model is not in the preset catalog: .*GPU fit cannot be checked$/, 'warning'],
    ['a deprecated preset', inferenceWorkspace(ws => (ws.inference!.preset!.name = 'phi-2')), azure, 'inference.preset.name', /^Model phi-2 is deprecated and no longer supported/, 'error'],
    ['a private llama-2 preset', inferenceWorkspace(ws => (ws.inference!.preset!.name = 'llama-2-7b')), azure, 'inference.preset.name', /^Unsupported inference preset name llama-2-7b: Kaito v0\.12 no longer has this preset\. Did you mean llama-3\.1-8b-instruct/, 'error'],
    ['a removed falcon preset', inferenceWorkspace(ws => (ws.inference!.preset!.name = 'falcon-7b-instruct')), azure, 'inference.preset.name', /^Unsupported inference preset name falcon-7b-instruct: Kaito v0\.12 no longer has this preset\. Use a preset from the catalog/, 'error'],
    ['a removed falcon tuning preset', tuningWorkspace(ws => (ws.tuning!.preset.name = 'falcon-7b')), azure, 'tuning.preset.name', /^Unsupported tuning preset name falcon-7b: Kaito v0\.12 no longer has this preset/, 'error'],
    ['a gated model without secret', inferenceWorkspace(ws => (ws.inference!.preset!.name = 'llama-3.1-8b-instruct')), azure, 'inference.preset.presetOptions.modelAccessSecret', /^This preset requires authentication: create a Secret with the key HF_TOKEN .*meta-llama\/Llama-3\.1-8B-Instruct/, 'error'],
    ['transformers for a vLLM-only model', inferenceWorkspace(ws => {
      ws.inference!.preset!.name = 'ministral-3-8b-instruct';
      annotate('kaito.sh/runtime', 'transformers')(ws);
    }), azure, 'metadata.annotations["kaito.sh/runtime"]', /^model ministral-3-8b-instruct-2512 does not support inference with Huggingface Transformers runtime/, 'error'],
    ['max-model-len above the token limit', inferenceWorkspace(ws => (ws.inference!.config = 'cfg')), { cloud: 'azure', maxModelLen: 200000 }, 'inference.config', "max-model-len 200000 exceeds model's maximum supported context window 131072 (ModelTokenLimit)", 'error'],
    ['an inference ConfigMap that is not there', inferenceWorkspace(ws => (ws.inference!.config = 'cfg')), { cloud: 'azure', inferenceConfig: { found: false } }, 'inference.config', "ConfigMap 'cfg' specified in 'config' not found in namespace 'team-a'", 'error'],
    ['an inference ConfigMap without inference_config.yaml', inferenceWorkspace(ws => (ws.inference!.config = 'cfg')), { cloud: 'azure', inferenceConfig: { found: true } }, 'inference.config', 'missing field(s): inference_config.yaml in ConfigMap', 'error'],
    ['inference_config.yaml that is not YAML', inferenceWorkspace(ws => (ws.inference!.config = 'cfg')), { cloud: 'azure', inferenceConfig: { found: true, yaml: 'vllm: [unclosed' } }, 'inference.config', /^Failed to parse inference_config.yaml: /, 'error'],
    ['a vllm section that is a list', inferenceWorkspace(ws => (ws.inference!.config = 'cfg')), { cloud: 'azure', inferenceConfig: { found: true, yaml: 'vllm:\n  - max-model-len\n' } }, 'inference.config', 'Failed to parse inference_config.yaml: vllm must be a mapping of flag names to values', 'error'],
    ['a max-model-len that is no integer', inferenceWorkspace(ws => (ws.inference!.config = 'cfg')), { cloud: 'azure', inferenceConfig: { found: true, yaml: 'vllm:\n  max-model-len: 4k\n' } }, 'inference.config', 'max-model-len must be an integer: strconv.Atoi: parsing "4k": invalid syntax', 'error'],
    ['vLLM adapters on a custom preset without LoRA', inferenceWorkspace(ws => {
      ws.inference!.preset!.name = 'no-lora-model';
      ws.inference!.adapters = [adapter('a')];
    }), withCustomPreset({ name: 'no-lora-model', vllmLoraSupport: false }), 'inference.adapters', /^vLLM does not support LoRA adapters for no-lora-model/, 'error'],
    ['11 adapters', inferenceWorkspace(ws => (ws.inference!.adapters = Array.from({ length: 11 }, (_, i) => adapter(`a${i}`)))), azure, 'inference.adapters', 'at most 10 adapters are supported, got 11', 'error'],
    ['duplicate adapter names', inferenceWorkspace(ws => (ws.inference!.adapters = [adapter('a'), adapter('a')])), azure, 'inference.adapters[1].source.name', "adapter name 'a' is already used by adapters[0]; names must be unique", 'error'],
    ['an adapter without name', inferenceWorkspace(ws => (ws.inference!.adapters = [{ source: { image: 'x.io/a:1' } }])), azure, 'inference.adapters[0].source.name', /^adapter source name is required/, 'error'],
    ['an adapter with a bad name', inferenceWorkspace(ws => (ws.inference!.adapters = [adapter('A_B')])), azure, 'inference.adapters[0].source.name', /^adapter name 'A_B' must be a lowercase RFC 1123 subdomain/, 'error'],
    ['an adapter from URLs', inferenceWorkspace(ws => (ws.inference!.adapters = [{ source: { name: 'a', urls: ['https://x.io/a'] } }])), azure, 'inference.adapters[0].source.urls', /^adapters cannot be downloaded from URLs/, 'error'],
    ['an adapter without source', inferenceWorkspace(ws => (ws.inference!.adapters = [{ source: { name: 'a' } }])), azure, 'inference.adapters[0].source', 'set exactly one of image or volumeSource', 'error'],
    ['an adapter with both sources', inferenceWorkspace(ws => (ws.inference!.adapters = [{ source: { name: 'a', image: 'x.io/a:1', volumeSource: {} } }])), azure, 'inference.adapters[0].source', 'set exactly one of image or volumeSource, not both', 'error'],
    ['an adapter with a bad image', inferenceWorkspace(ws => (ws.inference!.adapters = [adapter('a'), { source: { name: 'b', image: 'ACR_HERE/X:1' } }])), azure, 'inference.adapters[1].source.image', /^'ACR_HERE\/X:1' is not a valid image reference/, 'error'],
    ['an adapter with a bad image on a simulated cluster', inferenceWorkspace(ws => (ws.inference!.adapters = [{ source: { name: 'b', image: 'ACR_HERE/X:1' } }])), { cloud: 'azure', imageReferences: 'warn' }, 'inference.adapters[0].source.image', /^'ACR_HERE\/X:1' is not a valid image reference .*; accepted here, but it will fail to pull on a real cluster$/, 'warning'],
    ['strength above 1', inferenceWorkspace(ws => (ws.inference!.adapters = [adapter('a', '1.5')])), azure, 'inference.adapters[0].strength', `strength '1.5' must be a number between 0 and 1, e.g. "0.5"`, 'error'],
    ['strength not a number', inferenceWorkspace(ws => (ws.inference!.adapters = [adapter('a', 'high')])), azure, 'inference.adapters[0].strength', /^strength 'high' must be a number between 0 and 1/, 'error'],
    ['strength with vLLM', inferenceWorkspace(ws => (ws.inference!.adapters = [adapter('a', '0.5')])), azure, 'inference.adapters[0].strength', /^Runtime validation: vLLM does not support adapter strength; /, 'error'],
    ['strength "1.0" with vLLM', inferenceWorkspace(ws => (ws.inference!.adapters = [adapter('a', '1.0')])), azure, 'inference.adapters[0].strength', /^Runtime validation: vLLM does not support adapter strength; /, 'error'],
    ['strength "0" with the vllm annotation', inferenceWorkspace(ws => {
      annotate('kaito.sh/runtime', 'vllm')(ws);
      ws.inference!.adapters = [adapter('a'), adapter('b', '0')];
    }), azure, 'inference.adapters[1].strength', /^Runtime validation: vLLM does not support adapter strength; /, 'error'],
    ['a bad node image family', inferenceWorkspace(annotate('kaito.sh/node-image-family', 'windows')), azure, 'metadata.annotations["kaito.sh/node-image-family"]', "'windows' is not supported; supported values are azurelinux, ubuntu", 'error'],
    ['a bad performance mode', inferenceWorkspace(annotate('kaito.sh/performance-mode', 'fast')), azure, 'metadata.annotations["kaito.sh/performance-mode"]', "'fast' is not supported; supported values are balanced, interactivity, throughput", 'error'],
    ['a bad use-local-weights', inferenceWorkspace(annotate('kaito.sh/use-local-weights', 'yes')), azure, 'metadata.annotations["kaito.sh/use-local-weights"]', "'yes' is not supported; supported values are true, false", 'error'],
    ['a bad runtime', inferenceWorkspace(annotate('kaito.sh/runtime', 'tgi')), azure, 'metadata.annotations["kaito.sh/runtime"]', "'tgi' is not supported; supported values are transformers, vllm", 'error'],
    ['a node class not offered', inferenceWorkspace(annotate('kaito.sh/node-class-name', 'gpu-spot')), { cloud: 'azure', allowedNodeClassNames: ['default', 'image-family'] }, 'metadata.annotations["kaito.sh/node-class-name"]', '"gpu-spot" is not a KAITO-managed NodeClass, supported values are [default image-family]', 'error'],
    ['only reserved selector labels', inferenceWorkspace(ws => (ws.resource.labelSelector = { matchLabels: { 'kaito.sh/workspace': 'x' } })), azure, 'resource.labelSelector.matchLabels', /^every label \(kaito\.sh\/workspace\) is reserved by Kaito/, 'error'],
    ['one reserved selector label', inferenceWorkspace(ws => (ws.resource.labelSelector.matchLabels!['kaito.sh/workspacenamespace'] = 'x')), azure, 'resource.labelSelector.matchLabels["kaito.sh/workspacenamespace"]', "'kaito.sh/workspacenamespace' is reserved by Kaito and is ignored in the selector", 'warning'],
    ['an empty selector with BYO', inferenceWorkspace(ws => {
      delete ws.resource.instanceType;
      ws.resource.labelSelector = {};
    }), byo, 'resource.labelSelector.matchLabels', /^with your own \(BYO\) nodes the selector must pick the GPU nodes/, 'error'],
    ['a preset that cannot tune', tuningWorkspace(ws => (ws.tuning!.preset.name = 'gpt-oss-20b')), azure, 'tuning.preset.name', /^Preset gpt-oss-20b does not support tuning; models that do: phi-4, phi-4-mini-instruct, /, 'error'],
    ['multi-node tuning', tuningWorkspace(ws => (ws.resource.count = 2)), azure, 'resource.count', 'Tuning does not currently support multinode configurations; set count to 1', 'error'],
    ['tuning too big for the SKU', tuningWorkspace(ws => (ws.resource.instanceType = 'Standard_NV36ads_A10_v5')), azure, 'resource.instanceType', 'Insufficient total GPU memory for tuning: Instance type Standard_NV36ads_A10_v5 has a total of 24 GiB, but tuning phi-3-mini-128k-instruct needs at least 72 GiB; the tuning job is likely to be OOMKilled', 'warning'],
    ['tuning input with two kinds', tuningWorkspace(ws => (ws.tuning!.input.image = 'x.io/data:1')), azure, 'tuning.input', 'set exactly one of urls, volumeSource or image, not urls and image', 'error'],
    ['tuning input empty', tuningWorkspace(ws => (ws.tuning!.input = {})), azure, 'tuning.input', 'set exactly one of urls, volumeSource or image', 'error'],
    ['a loopback data URL', tuningWorkspace(ws => (ws.tuning!.input.urls = ['http://127.0.0.1/data'])), azure, 'tuning.input.urls[0]', "'http://127.0.0.1/data' points at a forbidden host: 127.0.0.1 is a loopback address; use a publicly reachable host", 'error'],
    ['a metadata data URL', tuningWorkspace(ws => (ws.tuning!.input.urls = ['https://x.io/ok', 'http://169.254.169.254/latest'])), azure, 'tuning.input.urls[1]', /points at a forbidden host: 169.254.169.254 is a cloud metadata address/, 'error'],
    ['an ftp data URL', tuningWorkspace(ws => (ws.tuning!.input.urls = ['ftp://x.io/d'])), azure, 'tuning.input.urls[0]', "'ftp://x.io/d' must use http or https, not ftp", 'error'],
    ['a bad input image', tuningWorkspace(ws => (ws.tuning!.input = { image: 'Not An Image' })), azure, 'tuning.input.image', /is not a valid image reference/, 'error'],
    ['output with two kinds', tuningWorkspace(ws => (ws.tuning!.output.volumeSource = {})), azure, 'tuning.output', 'set exactly one of image or volumeSource, not both', 'error'],
    ['output empty', tuningWorkspace(ws => (ws.tuning!.output = {})), azure, 'tuning.output', 'set exactly one of image or volumeSource', 'error'],
    ['output image without push secret', tuningWorkspace(ws => delete ws.tuning!.output.imagePushSecret), azure, 'tuning.output.imagePushSecret', /^an output image needs imagePushSecret/, 'error'],
    ['a bad output image', tuningWorkspace(ws => (ws.tuning!.output.image = 'ACR_REPO_HERE.azurecr.io/IMAGE_NAME_HERE:0.0.1')), azure, 'tuning.output.image', /^'ACR_REPO_HERE\.azurecr\.io\/IMAGE_NAME_HERE:0\.0\.1' is not a valid image reference/, 'error'],
    ['a bad output image on a simulated cluster', tuningWorkspace(ws => (ws.tuning!.output.image = 'ACR_REPO_HERE.azurecr.io/IMAGE_NAME_HERE:0.0.1')), { cloud: 'azure', imageReferences: 'warn' }, 'tuning.output.image', /will fail to pull on a real cluster$/, 'warning'],
    ['a bad input image on a simulated cluster', tuningWorkspace(ws => (ws.tuning!.input = { image: 'Not An Image' })), { cloud: 'azure', imageReferences: 'warn' }, 'tuning.input.image', /will fail to pull on a real cluster$/, 'warning'],
    ['a tuning partition', tuningWorkspace(ws => {
      delete ws.resource.instanceType;
      ws.resource.partition = { mode: 'mig', profile: '1g.10gb' };
    }), byo, 'resource.partition', 'Tuning does not support GPU partitions', 'error'],
  ])('reports %s', (_name, ws, context, path, message, severity) => {
    const result = validateWorkspaceCreate(ws, context);
    const found = result.issues.filter(issue => issue.path === path && issue.severity === severity);
    const pattern = message instanceof RegExp ? message : new RegExp(`^${escapeRegExp(message)}$`);
    expect(found.map(issue => issue.message)).toContainEqual(expect.stringMatching(pattern));
    expect(result.ok).toBe(result.issues.every(issue => issue.severity === 'warning'));
  });

  it('collects every issue instead of stopping at the first', () => {
    const ws = inferenceWorkspace(w => {
      w.metadata.name = 'Bad';
      w.resource.instanceType = 'nope';
      w.inference!.adapters = [adapter('a', '2'), adapter('a')];
    });
    const paths = validateWorkspaceCreate(ws, azure).issues.map(i => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['metadata.name', 'resource.instanceType', 'inference.adapters[0].strength', 'inference.adapters[1].source.name']),
    );
  });

  describe('when custom SKUs are configured', () => {
    const lab: GpuSku = { name: 'lab-a6000', cloud: 'custom', gpuCount: 1, gpuMemoryGiB: 48, perGpuMemoryGiB: 48, gpuModel: 'RTX A6000', nvme: false };

    it('accepts them and checks fit against their shape', () => {
      const ok = validateWorkspaceCreate(inferenceWorkspace(ws => (ws.resource.instanceType = 'lab-a6000')), { cloud: 'azure', catalog: { customSkus: [lab] } });
      expect(ok).toEqual({ ok: true, issues: [] });
      const tooBig = validateWorkspaceCreate(
        inferenceWorkspace(ws => {
          ws.resource.instanceType = 'lab-a6000';
          ws.inference!.preset!.name = 'qwen2.5-coder-32b-instruct';
          annotate('kaito.sh/runtime', 'transformers')(ws);
        }),
        { cloud: 'azure', catalog: { customSkus: [lab] } },
      );
      expect(tooBig.ok).toBe(false);
    });

    it('lists them among the supported SKUs', () => {
      const result = validateWorkspaceCreate(inferenceWorkspace(ws => (ws.resource.instanceType = 'x')), { cloud: 'azure', catalog: { customSkus: [lab] } });
      expect(result.issues[0].message).toMatch(/, lab-a6000\. To use another SKU/);
    });
  });

  describe('on BYO nodes, as Kaito v0.12', () => {
    const a10: GpuSku = { name: 'unknown', cloud: 'custom', gpuCount: 1, gpuMemoryGiB: 24, perGpuMemoryGiB: 24, gpuModel: 'NVIDIA-A10', nvme: false };
    const byoWorkspace = (preset: string, change: (ws: Workspace) => void = () => {}) =>
      inferenceWorkspace(ws => {
        delete ws.resource.instanceType;
        ws.inference!.preset = { name: preset, ...(preset.startsWith('llama') ? { presetOptions: { modelAccessSecret: 'hf' } } : {}) };
        change(ws);
      });
    const llama70b = findPreset('llama-3.3-70b-instruct')!;
    const phi4mini = findPreset('phi-4-mini-instruct')!;
    const errors = (ws: Workspace, context: ValidationContext) => validateWorkspaceCreate(ws, context).issues.filter(i => i.severity === 'error');

    it.each<[string, Workspace, ValidationContext, string, string | RegExp, 'error' | 'warning']>([
      [
        'a model larger than the matching nodes together',
        byoWorkspace('llama-3.3-70b-instruct'),
        { ...byo, byoNodes: { count: 2, shape: a10 } },
        'resource.labelSelector',
        `Insufficient total GPU memory: the 2 nodes matching the selector have a total of 48Gi, but preset llama-3.3-70b-instruct requires at least ${llama70b.weightsGiB}Gi`,
        'error',
      ],
      [
        'the same with kaito.sh/bypass-resource-checks',
        byoWorkspace('llama-3.3-70b-instruct', annotate('kaito.sh/bypass-resource-checks', 'true')),
        { ...byo, byoNodes: { count: 1, shape: a10 } },
        'resource.labelSelector',
        /^Insufficient total GPU memory: the 1 node matching the selector have a total of 24Gi/,
        'warning',
      ],
      [
        'transformers over nodes when one node cannot hold the model',
        byoWorkspace('llama-3.3-70b-instruct', annotate('kaito.sh/runtime', 'transformers')),
        { ...byo, byoNodes: { count: 8, shape: a10 } },
        'inference',
        'Multi-node distributed inference is not supported with Huggingface Transformers runtime',
        'error',
      ],
      [
        'a MIG partition without the enableMIG gate',
        byoWorkspace('phi-4-mini-instruct', ws => (ws.resource.partition = { mode: 'mig', profile: '1g.10gb' })),
        byo,
        'resource.partition',
        'MIG support is not enabled, set feature gate enableMIG=true',
        'error',
      ],
      [
        'a MIG partition with a count',
        byoWorkspace('phi-4-mini-instruct', ws => (ws.resource.partition = { mode: 'mig', profile: '1g.10gb', count: 1 })),
        { ...byo, featureGates: { enableMIG: true } },
        'resource.partition.count',
        'count is only valid for accelerator mode',
        'error',
      ],
      [
        'an unknown MIG profile',
        byoWorkspace('phi-4-mini-instruct', ws => (ws.resource.partition = { mode: 'mig', profile: '2g.11gb' })),
        { ...byo, featureGates: { enableMIG: true } },
        'resource.partition.profile',
        /^unknown MIG profile "2g.11gb": must be one of \[/,
        'error',
      ],
      [
        'a model larger than its MIG slice',
        byoWorkspace('llama-3.3-70b-instruct', ws => (ws.resource.partition = { mode: 'mig', profile: '3g.40gb' })),
        { ...byo, featureGates: { enableMIG: true } },
        'resource.partition',
        `Model llama-3.3-70b-instruct requires at least ${llama70b.weightsGiB}Gi for weights, which exceeds the 3g.40gb MIG slice capacity of 40Gi`,
        'error',
      ],
      [
        'an accelerator partition without the enableAccelerator gate',
        byoWorkspace('phi-4-mini-instruct', ws => (ws.resource.partition = { mode: 'accelerator', count: 2 })),
        byo,
        'resource.partition',
        'accelerator partition support is not enabled, set feature gate enableAccelerator=true',
        'error',
      ],
      [
        'an accelerator partition with a profile',
        byoWorkspace('phi-4-mini-instruct', ws => (ws.resource.partition = { mode: 'accelerator', count: 2, profile: '1g.10gb' })),
        { ...byo, featureGates: { enableAccelerator: true } },
        'resource.partition.profile',
        'profile is not valid for accelerator mode',
        'error',
      ],
      [
        'an accelerator partition without a count',
        byoWorkspace('phi-4-mini-instruct', ws => (ws.resource.partition = { mode: 'accelerator' })),
        { ...byo, featureGates: { enableAccelerator: true } },
        'resource.partition.count',
        'missing field(s): partition.count',
        'error',
      ],
      [
        'another partition mode',
        byoWorkspace('phi-4-mini-instruct', ws => (ws.resource.partition = { mode: 'time-slice' as never })),
        byo,
        'resource.partition.mode',
        'unsupported partition mode "time-slice", supported modes are "mig" and "accelerator"',
        'error',
      ],
    ])('refuses %s', (_name, ws, context, path, message, severity) => {
      const issue = validateWorkspaceCreate(ws, context).issues.find(i => i.path === path);
      const pattern = typeof message === 'string' ? new RegExp(`^${escapeRegExp(message)}$`) : message;
      expect(issue).toEqual({ path, severity, message: expect.stringMatching(pattern) });
    });

    it.each<[string, Workspace, ValidationContext]>([
      ['a model the matching nodes hold together', byoWorkspace('llama-3.3-70b-instruct'), { ...byo, byoNodes: { count: Math.ceil(llama70b.weightsGiB / 24), shape: a10 } }],
      ['nodes not listed (fit unknown)', byoWorkspace('llama-3.3-70b-instruct'), byo],
      ['a model within its MIG slice', byoWorkspace('phi-4-mini-instruct', ws => (ws.resource.partition = { mode: 'mig', profile: '1g.10gb' })), { ...byo, featureGates: { enableMIG: true } }],
      ['an accelerator partition of two GPUs', byoWorkspace('phi-4-mini-instruct', ws => (ws.resource.partition = { mode: 'accelerator', count: 2 })), { ...byo, featureGates: { enableAccelerator: true } }],
      ['a template on nodes too small for any preset', inferenceWorkspace(ws => {
        delete ws.resource.instanceType;
        ws.inference = { template: { spec: { containers: [] } } };
      }), { ...byo, byoNodes: { count: 1, shape: a10 } }],
    ])('accepts %s', (_name, ws, context) => {
      expect(errors(ws, context)).toEqual([]);
    });

    it('sizes the MIG fit from the profile alone: phi-4-mini fits 1g.10gb', () => {
      expect(phi4mini.weightsGiB).toBeLessThan(10);
    });
  });
});
