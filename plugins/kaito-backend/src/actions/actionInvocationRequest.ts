import { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { Request } from 'express';

/**
 * AuditorService (@backstage/backend-plugin-api 1.10) takes an event's actor from an HTTP
 * request only: `createEvent` has no credentials option, and without a request the actor is
 * the plugin itself (`plugin:kaito`). An action of the actions registry is given the caller's
 * credentials but not the invoke request, so this stands in for that request: it carries a
 * token issued on behalf of the caller (the auditor authenticates it back to the same user or
 * service) and names the invoke endpoint it came through.
 *
 * @internal
 */
export async function actionInvocationRequest(auth: AuthService, credentials: BackstageCredentials, actionId: string): Promise<Request> {
  const { token } = await auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: 'kaito' });
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  return {
    headers,
    method: 'POST',
    originalUrl: `/api/kaito/.backstage/actions/v1/actions/${encodeURIComponent(actionId)}/invoke`,
    get: (name: string) => headers[name.toLowerCase()],
  } as unknown as Request;
}
