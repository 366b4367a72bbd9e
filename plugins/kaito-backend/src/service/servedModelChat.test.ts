import http from 'node:http';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';
import request from 'supertest';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';
import { eventually } from '../__testUtils__/eventually';

jest.setTimeout(60_000);

// Kaito v0.12 serves a model under its lower-cased Hugging Face repository name and each
// LoRA adapter under the adapter's name; chat must send those, not the preset name.
describe('chat with the served model name, on the simulator', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  let details: WorkspaceDetails;
  const chat = (body: object) => request(server).post('/api/kaito/workspaces/sim/default/mistral/chat').send(body);

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 }, modelServer: { tokenDelayMs: 0 } },
    });
    const backend = await startKaitoApi(sim);
    server = backend.server;
    const created = await request(server)
      .post('/api/kaito/workspaces')
      .send({
        cluster: 'sim',
        namespace: 'default',
        name: 'mistral',
        preset: 'mistral-7b-instruct',
        instanceType: 'Standard_NC24ads_A100_v4',
        owner: 'group:default/ml-team',
        adapters: [{ name: 'support-tone', image: 'myacr.azurecr.io/adapters/support-tone:0.1.0' }],
      });
    if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
    details = await eventually(async () => {
      const res = await request(server).get('/api/kaito/workspaces/sim/default/mistral');
      return res.body.state === 'Ready' ? (res.body as WorkspaceDetails) : undefined;
    }, 'mistral to be Ready');
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('lists the served base model first, then the adapter', () => {
    expect(details.endpoint?.models).toEqual(['mistral-7b-instruct-v0.3', 'support-tone']);
    expect(details.endpoint?.curlExample).toContain('"model":"mistral-7b-instruct-v0.3"');
  });

  it('chats with the base model under its served name, by default and when named', async () => {
    for (const body of [{}, { model: 'mistral-7b-instruct-v0.3' }]) {
      const res = await chat({ ...body, messages: [{ role: 'user', content: 'hi' }] });
      expect(res.status).toBe(200);
      expect(res.body.model).toBe('mistral-7b-instruct-v0.3');
      expect(res.body.choices[0].message.content).toMatch(/simulated response from mistral-7b-instruct-v0\.3/);
    }
  });

  it('chats with the adapter under its own name', async () => {
    const res = await chat({ model: 'support-tone', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.status).toBe(200);
    expect(res.body.model).toBe('support-tone');
    expect(res.body.choices[0].message.content).toMatch(/simulated response from support-tone/);
  });

  it('refuses the preset name, which the model server does not serve', async () => {
    const res = await chat({ model: 'mistral-7b-instruct', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('choose one of: mistral-7b-instruct-v0.3, support-tone');
  });
});
