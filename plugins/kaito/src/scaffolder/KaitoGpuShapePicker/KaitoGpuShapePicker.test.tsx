import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type {
  FitRequestBody,
  FitResponseBody,
} from '@kaito-backstage/plugin-kaito-common';
import { API } from '../../__testUtils__/apis';
import { skus } from '../../__testUtils__/fixtures';
import { renderWithKaito } from '../../__testUtils__/render';
import {
  KaitoGpuShapePicker,
  KaitoGpuShapePickerUiOptions,
} from './KaitoGpuShapePicker';

const server = setupServer();
registerMswTestHooks(server);

type Props = FieldExtensionComponentProps<string, KaitoGpuShapePickerUiOptions>;

function fieldProps(
  formData: Record<string, unknown>,
  overrides: Partial<Props> = {},
): Props {
  return {
    onChange: jest.fn(),
    schema: { title: 'GPU instance type' },
    uiSchema: {},
    rawErrors: [],
    required: true,
    disabled: false,
    readonly: false,
    idSchema: { $id: 'root_instanceType' },
    formContext: { formData },
    formData: undefined,
    ...overrides,
  } as unknown as Props;
}

const quota = {
  group: 'group:default/ml-team',
  maxGpus: 8,
  usedGpus: 6,
  usedWorkspaces: 2,
};

/** Answers /fit like the backend: recommendations without an instance type, a verdict with one. */
function serveFit() {
  const fitRequests: FitRequestBody[] = [];
  const skuClusters: string[] = [];
  server.use(
    http.get(`${API}/skus`, ({ request }) => {
      skuClusters.push(new URL(request.url).searchParams.get('cluster') ?? '');
      return HttpResponse.json({ items: skus });
    }),
    http.post(`${API}/fit`, async ({ request }) => {
      const body = (await request.json()) as FitRequestBody;
      fitRequests.push(body);
      return HttpResponse.json(fitAnswer(body));
    }),
  );
  return { fitRequests, skuClusters };
}

const prices: Record<string, number> = {
  Standard_NV36ads_A10_v5: 3.2,
  Standard_NC24ads_A100_v4: 3.67,
};

/** Like the backend: the small K80 does not fit phi-3, the A10 and A100 do. */
function fitAnswer(body: FitRequestBody): FitResponseBody {
  if (body.instanceType === 'Standard_NC6') {
    return {
      fits: false,
      reasons: ['Standard_NC6 has 12 GiB of GPU memory; phi-3 needs 16 GiB'],
      nodeCount: 0,
      gpuCount: 0,
      recommendations: [],
      ...(body.owner ? { quota } : {}),
    };
  }
  return {
    fits: true,
    reasons: [],
    nodeCount: 1,
    gpuCount: 1,
    costPerHour: prices[body.instanceType ?? ''],
    currency: 'USD',
    recommendations: [],
    ...(body.owner ? { quota } : {}),
  };
}

describe('KaitoGpuShapePicker', () => {
  describe('when no preset is chosen yet', () => {
    it('asks for one first and is disabled', async () => {
      await renderWithKaito(<KaitoGpuShapePicker {...fieldProps({})} />);
      expect(
        screen.getByText('Choose a model preset first.'),
      ).toBeInTheDocument();
    });
  });

  describe('when the form has a preset', () => {
    it('lists only fitting instance types with node count, GPUs, cost and remaining quota', async () => {
      const { fitRequests, skuClusters } = serveFit();
      const props = fieldProps({
        preset: 'phi-3-mini-4k-instruct',
        cluster: 'local',
        owner: 'group:default/ml-team',
      });
      await renderWithKaito(<KaitoGpuShapePicker {...props} />);

      expect(
        await screen.findByText(
          /2 instance types on local fit phi-3-mini-4k-instruct\./,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/Quota group:default\/ml-team: 2 of 8 GPUs left\./),
      ).toBeInTheDocument();
      expect(fitRequests.map(r => r.instanceType).sort()).toEqual([
        'Standard_NC24ads_A100_v4',
        'Standard_NV36ads_A10_v5',
      ]);
      expect(fitRequests[0]).toMatchObject({
        cluster: 'local',
        preset: 'phi-3-mini-4k-instruct',
        owner: 'group:default/ml-team',
      });
      expect(skuClusters).toEqual(['local']);

      await userEvent.click(
        screen.getByRole('button', { name: /GPU instance type/ }),
      );
      const options = await screen.findAllByRole('option');
      expect(
        options.map(o => within(o).getByText(/^Standard_/).textContent),
      ).toEqual(['Standard_NV36ads_A10_v5', 'Standard_NC24ads_A100_v4']);
      expect(options[0]).toHaveTextContent(
        '1 node · 1 × NVIDIA A10 (24 GiB) · $3.20/h',
      );
      await userEvent.click(options[1]);
      expect(props.onChange).toHaveBeenCalledWith('Standard_NC24ads_A100_v4');
    });

    it('reads the fields named in ui:options', async () => {
      const { fitRequests } = serveFit();
      const props = fieldProps(
        {
          model: { preset: 'phi-3-mini-4k-instruct' },
          team: 'group:default/ml-team',
        },
        {
          uiSchema: {
            'ui:options': {
              presetField: 'model.preset',
              ownerField: 'team',
              cluster: 'aks-prod',
            },
          },
        },
      );
      await renderWithKaito(<KaitoGpuShapePicker {...props} />);
      await waitFor(() =>
        expect(fitRequests[0]).toMatchObject({
          cluster: 'aks-prod',
          preset: 'phi-3-mini-4k-instruct',
          owner: 'group:default/ml-team',
        }),
      );
    });

    it('sizes with tuning memory when ui:options say purpose tuning', async () => {
      const { fitRequests } = serveFit();
      await renderWithKaito(
        <KaitoGpuShapePicker
          {...fieldProps(
            { preset: 'phi-3-mini-4k-instruct', owner: 'group:default/ml-team' },
            { uiSchema: { 'ui:options': { purpose: 'tuning' } } },
          )}
        />,
      );
      await waitFor(() => expect(fitRequests.length).toBeGreaterThan(0));
      expect(fitRequests.every(r => r.purpose === 'tuning')).toBe(true);
    });

    it("shows the user's group quota while the form names no owner", async () => {
      const { fitRequests } = serveFit();
      await renderWithKaito(
        <KaitoGpuShapePicker
          {...fieldProps({ preset: 'phi-3-mini-4k-instruct' })}
        />,
      );
      expect(
        await screen.findByText(
          /Quota group:default\/ml-team: 2 of 8 GPUs left\./,
        ),
      ).toBeInTheDocument();
      expect(fitRequests.length).toBeGreaterThan(0);
      expect(fitRequests.every(r => r.owner === 'group:default/ml-team')).toBe(
        true,
      );
    });

    it('checks the chosen type and says why it does not fit', async () => {
      serveFit();
      await renderWithKaito(
        <KaitoGpuShapePicker
          {...fieldProps(
            { preset: 'phi-3-mini-4k-instruct' },
            { formData: 'Standard_NC6' },
          )}
        />,
      );
      expect(
        await screen.findByText(
          'Standard_NC6 has 12 GiB of GPU memory; phi-3 needs 16 GiB',
        ),
      ).toBeInTheDocument();
    });

    it('confirms node count, GPUs and cost of a fitting choice', async () => {
      serveFit();
      await renderWithKaito(
        <KaitoGpuShapePicker
          {...fieldProps(
            { preset: 'phi-3-mini-4k-instruct' },
            { formData: 'Standard_NC24ads_A100_v4' },
          )}
        />,
      );
      expect(
        await screen.findByText('1 node, 1 GPU, $3.67/h'),
      ).toBeInTheDocument();
    });
  });
});
