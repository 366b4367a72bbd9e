import { Issue } from '../schema/issue';

/** @internal */
export const error = (path: string, message: string): Issue => ({ path, message, severity: 'error' });
/** @internal */
export const warning = (path: string, message: string): Issue => ({ path, message, severity: 'warning' });
