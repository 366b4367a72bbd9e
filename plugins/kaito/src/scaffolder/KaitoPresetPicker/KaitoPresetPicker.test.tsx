import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { API } from '../../__testUtils__/apis';
import { presets } from '../../__testUtils__/fixtures';
import { renderWithKaito } from '../../__testUtils__/render';
import { errorResponse } from '../../__testUtils__/sse';
import {
  KaitoPresetPicker,
  KaitoPresetPickerUiOptions,
} from './KaitoPresetPicker';

const server = setupServer();
registerMswTestHooks(server);

type Props = FieldExtensionComponentProps<string, KaitoPresetPickerUiOptions>;

function fieldProps(overrides: Partial<Props> = {}): Props {
  return {
    onChange: jest.fn(),
    schema: { title: 'Model' },
    uiSchema: {},
    rawErrors: [],
    required: true,
    disabled: false,
    readonly: false,
    idSchema: { $id: 'root_preset' },
    formData: undefined,
    ...overrides,
  } as unknown as Props;
}

describe('KaitoPresetPicker', () => {
  beforeEach(() =>
    server.use(
      http.get(`${API}/presets`, () => HttpResponse.json({ items: presets })),
    ),
  );

  it('searches presets by Hugging Face repo and returns the chosen name', async () => {
    const props = fieldProps();
    await renderWithKaito(<KaitoPresetPicker {...props} />);
    await userEvent.type(
      screen.getByRole('textbox', { name: /Model/ }),
      'meta-llama',
    );
    const option = await screen.findByRole('option', {
      name: /llama-3\.3-70b-instruct/,
    });
    expect(option).toHaveTextContent(
      '140 GiB weights · 131,072 tokens context · 4 GPUs · vllm',
    );
    expect(option).toHaveTextContent('gated · needs HF token');
    expect(
      screen.queryByRole('option', { name: /phi-3/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(option);
    expect(props.onChange).toHaveBeenCalledWith('llama-3.3-70b-instruct');
  });

  it('describes the selected preset', async () => {
    await renderWithKaito(
      <KaitoPresetPicker
        {...fieldProps({ formData: 'phi-3-mini-4k-instruct' })}
      />,
    );
    expect(
      await screen.findByText(
        'microsoft/Phi-3-mini-4k-instruct · 7.1 GiB weights · 4,096 tokens context · vllm/transformers · supports fine-tuning',
      ),
    ).toBeInTheDocument();
  });

  it('says a selected gated model needs a token Secret', async () => {
    await renderWithKaito(
      <KaitoPresetPicker
        {...fieldProps({ formData: 'llama-3.3-70b-instruct' })}
      />,
    );
    expect(
      await screen.findByText(
        /gated on Hugging Face: needs a Secret with HF_TOKEN$/,
      ),
    ).toBeInTheDocument();
  });

  it('offers only tunable presets when asked to', async () => {
    await renderWithKaito(
      <KaitoPresetPicker
        {...fieldProps({ uiSchema: { 'ui:options': { tuningOnly: true } } })}
      />,
    );
    await userEvent.click(screen.getByRole('textbox', { name: /Model/ }));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(screen.getByRole('option')).toHaveTextContent(
      'phi-3-mini-4k-instruct',
    );
  });

  it('says why presets are missing when the backend fails', async () => {
    server.use(
      http.get(`${API}/presets`, () =>
        errorResponse(503, 'ServiceUnavailableError', 'kaito backend starting'),
      ),
    );
    await renderWithKaito(<KaitoPresetPicker {...fieldProps()} />);
    expect(
      await screen.findByText('Could not load presets: kaito backend starting'),
    ).toBeInTheDocument();
  });
});
