export { createKaitoCreateWorkspaceAction } from './createWorkspace';
export { createKaitoTuneWorkspaceAction } from './tuneWorkspace';
export { createKaitoWaitWorkspaceAction } from './waitWorkspace';
export type { KaitoWaitWorkspaceActionDeps } from './waitWorkspace';
export { createKaitoRenderWorkspaceAction } from './renderWorkspace';
export type { KaitoActionDeps } from './KaitoActionDeps';
export { workspaceLinks } from './workspaceLinks';
export type { WorkspaceLinks } from './workspaceLinks';
