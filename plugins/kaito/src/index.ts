/**
 * Kaito Workspaces for Backstage: frontend plugin.
 *
 * @packageDocumentation
 */
export { kaitoPlugin, EntityKaitoContent, KaitoWorkspacesPage } from './plugin';
export {
  rootRouteRef as kaitoRouteRef,
  workspaceRouteRef as kaitoWorkspaceRouteRef,
  createFromTemplateRouteRef as kaitoCreateFromTemplateRouteRef,
} from './routes';
export {
  KAITO_WORKSPACE_ANNOTATION,
  LEGACY_KAITO_WORKSPACE_ANNOTATION,
  getAnnotatedWorkspaceKey,
  isKaitoWorkspaceAvailable,
  isKaitoTabAvailable,
} from './annotations';
export { kaitoApiRef } from './api/KaitoApi';
export type { KaitoApi, WorkspaceListFilter } from './api/KaitoApi';
export { KaitoClient } from './api/KaitoClient';
export type {
  ChatCompletionRequest,
  ChatMessage,
  ChatStreamChunk,
} from './api/chatTypes';
export {
  KaitoPresetPickerFieldExtension,
  KaitoGpuShapePickerFieldExtension,
  KaitoResourceNameFieldExtension,
  KaitoModelAccessSecretFieldExtension,
  KaitoReplicasPickerFieldExtension,
} from './scaffolder/extensions';
export type { KaitoReplicasPickerUiOptions } from './scaffolder/KaitoReplicasPicker/KaitoReplicasPicker';
export type { KaitoModelAccessSecretUiOptions } from './scaffolder/KaitoModelAccessSecret/KaitoModelAccessSecret';
export type { KaitoResourceNameUiOptions } from './scaffolder/KaitoResourceName/KaitoResourceName';

export type { KaitoPresetPickerUiOptions } from './scaffolder/KaitoPresetPicker/KaitoPresetPicker';
export type { KaitoGpuShapePickerUiOptions } from './scaffolder/KaitoGpuShapePicker/KaitoGpuShapePicker';
export { WorkspaceTab } from './components/WorkspaceTab/WorkspaceTab';
export { ChatPanel } from './components/ChatPanel/ChatPanel';
export { TuningView } from './components/TuningView/TuningView';
export { useWorkspaceStream } from './hooks/useWorkspaceStream';
export type { WorkspaceStreamState } from './hooks/useWorkspaceStream';
export { useLinkedWorkspaces } from './hooks/useLinkedWorkspaces';
export type { LinkedWorkspaces } from './hooks/useLinkedWorkspaces';
export { useChat } from './hooks/useChat';
export type { ChatSettings, ChatState, ChatTurn } from './hooks/useChat';
