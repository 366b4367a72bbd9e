// The portal's embedded simulator as a cluster admin sees it: browser tests
// set up state there the way a kubectl user would (a Secret, Workspaces made
// outside the portal). The portal writes the admin kubeconfig when it starts
// with KAITO_SIMULATOR_KUBECONFIG set (scripts/test.sh sets it; see
// plugins/kaito-backend-module-cluster-simulator).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

/** The simulator's API server, CA and admin token, from the kubeconfig the portal wrote. */
function simulatorAdmin(cluster = 'local') {
  const path = (process.env.KAITO_SIMULATOR_KUBECONFIG ?? '').replaceAll('{cluster}', cluster);
  assert.ok(
    path && existsSync(path),
    `the portal must be started with KAITO_SIMULATOR_KUBECONFIG set (as scripts/test.sh does); no kubeconfig at '${path}'`,
  );
  const yaml = readFileSync(path, 'utf8');
  const server = /^\s*server:\s*(\S+)/m.exec(yaml)?.[1];
  const token = /^\s*token:\s*(\S+)/m.exec(yaml)?.[1];
  const caData = /^\s*certificate-authority-data:\s*(\S+)/m.exec(yaml)?.[1];
  assert.ok(server && token, `no server and token in ${path}`);
  return { server, token, ca: caData ? Buffer.from(caData, 'base64') : undefined };
}

/**
 * One request to the simulator's Kubernetes API as its admin: the status and
 * the parsed JSON body (or the text when it is not JSON).
 */
export async function kubeRequest(method, path, body, cluster = 'local') {
  const { server, token, ca } = simulatorAdmin(cluster);
  const url = new URL(path, server);
  const { status, text } = await new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method,
        ca,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
        },
      },
      response => {
        let data = '';
        response.setEncoding('utf8');
        response.on('data', chunk => (data += chunk));
        response.on('end', () => resolve({ status: response.statusCode, text: data }));
      },
    );
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status, body: json };
}
