import { tuningWorkspace } from '../testWorkspaces';
import { validateWorkspaceCreate } from '../validateWorkspaceCreate';

const withConfig = (method = 'qlora') =>
  tuningWorkspace(ws => {
    ws.tuning!.config = 'tune-cfg';
    ws.tuning!.method = method;
  });
const yaml = (body: string) => ({ found: true, yaml: `training_config:\n${body}` });
const QLORA_4BIT = '  QuantizationConfig:\n    load_in_4bit: true\n';
const PREFIX = 'Failed to evaluate validateConfigMap: ';

function configErrors(method: string, tuningConfig: { found: boolean; yaml?: string }): string[] {
  return validateWorkspaceCreate(withConfig(method), { cloud: 'azure', tuningConfig })
    .issues.filter(i => i.path === 'tuning.config' && i.severity === 'error')
    .map(i => i.message);
}

describe("the tuning ConfigMap, checked as Kaito v0.12's webhook checks it", () => {
  it.each<[string, string, { found: boolean; yaml?: string }, string]>([
    ['a ConfigMap that is not there', 'qlora', { found: false }, "ConfigMap 'tune-cfg' specified in 'config' not found in namespace 'team-a'"],
    ['no training_config.yaml', 'qlora', { found: true }, 'missing field(s): training_config.yaml in ConfigMap'],
    ['no training_config mapping', 'qlora', { found: true, yaml: 'training_config: 3\n' }, "Expected 'training_config' key to contain a map"],
    ['an unknown section', 'qlora', yaml(`${QLORA_4BIT}  Optimizer:\n    lr: 1\n`), 'Unrecognized section: Optimizer'],
    ['qlora without quantization', 'qlora', yaml('  LoraConfig:\n    r: 8\n'), "For method 'qlora', either 'load_in_4bit' or 'load_in_8bit' must be true in ConfigMap 'tune-cfg'"],
    ['qlora with neither bit width true', 'QLoRA', yaml('  QuantizationConfig:\n    load_in_4bit: false\n'), "For method 'qlora', either 'load_in_4bit' or 'load_in_8bit' must be true in ConfigMap 'tune-cfg'"],
    ['lora with 8-bit loading', 'lora', yaml('  QuantizationConfig:\n    load_in_8bit: true\n'), "For method 'lora', 'load_in_4bit' or 'load_in_8bit' in ConfigMap 'tune-cfg' must not be true"],
    ['both bit widths', 'qlora', yaml('  QuantizationConfig:\n    load_in_4bit: true\n    load_in_8bit: true\n'), "Cannot set both 'load_in_4bit' and 'load_in_8bit' to true in ConfigMap 'tune-cfg'"],
    ['a bit width that is no boolean', 'qlora', yaml('  QuantizationConfig:\n    load_in_4bit: "yes"\n'), 'value must be either nil or a boolean, got type string'],
    ['output_dir that is no string', 'qlora', yaml(`${QLORA_4BIT}  TrainingArguments:\n    output_dir: 5\n`), "output_dir is not a string in ConfigMap 'tune-cfg' in namespace 'team-a'"],
    ['output_dir at the results root', 'qlora', yaml(`${QLORA_4BIT}  TrainingArguments:\n    output_dir: "."\n`), "Invalid output_dir specified: '.', must be a directory"],
    ['output_dir escaping the results', 'qlora', yaml(`${QLORA_4BIT}  TrainingArguments:\n    output_dir: ../etc\n`), "Invalid output_dir specified: '../etc', must be a directory"],
  ])('refuses %s', (_name, method, config, message) => {
    expect(configErrors(method, config)).toEqual([PREFIX + message]);
  });

  it.each<[string, string, { found: boolean; yaml?: string }]>([
    ['qlora in 4 bits with LoRA settings and an output directory', 'qlora', yaml(`${QLORA_4BIT}  LoraConfig:\n    r: 8\n  TrainingArguments:\n    output_dir: results/run-1\n`)],
    ['lora without quantization', 'lora', yaml('  LoraConfig:\n    r: 8\n')],
    ['lora with quantization off', 'lora', yaml('  QuantizationConfig:\n    load_in_4bit: false\n    load_in_8bit: null\n')],
  ])('accepts %s', (_name, method, config) => {
    expect(configErrors(method, config)).toEqual([]);
  });

  it('checks nothing when the ConfigMap was not read', () => {
    expect(validateWorkspaceCreate(withConfig(), { cloud: 'azure' }).issues.filter(i => i.path === 'tuning.config')).toEqual([]);
  });
});
