import { AsyncLocalStorage } from 'node:async_hooks';
import { UserInfo } from './attributes';

const storage = new AsyncLocalStorage<UserInfo>();

/**
 * Runs an HTTP request's handling as its authenticated user, so admission checks deep in the API
 * can ask what that user may do; the simulated controllers write with no request user.
 * @internal
 */
export function runAsRequestUser<T>(user: UserInfo, fn: () => T): T {
  return storage.run(user, fn);
}

/** The user of the HTTP request being handled, if any. @internal */
export function currentRequestUser(): UserInfo | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` with no request user: store listeners (the simulated controllers) must not act as the
 * user whose write woke them, nor hand that user on to the work they schedule.
 * @internal
 */
export function withoutRequestUser<T>(fn: () => T): T {
  return storage.exit(fn);
}
