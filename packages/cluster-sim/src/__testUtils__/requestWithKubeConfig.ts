import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';

/** A raw response: status and whole body text. */
export interface RawResponse {
  status: number;
  text: string;
}

/**
 * Sends one raw request to the current cluster of a kubeconfig, with the kubeconfig's token and CA
 * applied by client-node (`applyToHTTPSOptions`), as the Kaito backend's chat proxy does.
 */
export async function requestWithKubeConfig(
  kc: KubeConfig,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<RawResponse> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(path, server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const options: https.RequestOptions = { method, headers: payload ? { 'Content-Type': contentType } : {} };
  await kc.applyToHTTPSOptions(options);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, options, res => {
      const chunks: Buffer[] = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
