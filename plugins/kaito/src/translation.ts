import { createTranslationRef } from '@backstage/core-plugin-api/alpha';

/**
 * The plugin's user-facing text, for apps that translate or reword it
 * (`createTranslationMessages({ ref: kaitoTranslationRef, messages })`).
 * Values in `{{ }}` are filled in; the defaults are the English text.
 *
 * @alpha
 */
export const kaitoTranslationRef = createTranslationRef({
  id: 'kaito',
  messages: {
    workspacesPage: {
      title: 'LLM workspaces',
      subtitle: 'Models running on the GPU clusters, with what they cost',
      refresh: 'Refresh',
      support:
        'Kaito workspaces the portal manages or observes, on every configured cluster.',
      totals: {
        workspaces: 'Workspaces',
        gpus: 'GPUs',
        costPerHour: 'Cost per hour',
        unpriced: ' (+{{unpriced}} unpriced)',
      },
      reconnecting:
        'The live list lost its connection ({{message}}); reconnecting. The list below may be out of date.',
      clusterUnreadable: 'Cluster {{cluster}} could not be read: {{message}}',
      emptyTitle: 'No workspaces yet',
      emptyText: 'Request one with the {{template}}.',
      tableTitleAll: 'All workspaces ({{total}})',
      tableTitleFiltered: 'Workspaces matching the filters ({{total}})',
      filters: {
        cluster: 'Cluster',
        state: 'State',
        owner: 'Owner',
        search: 'Search',
        any: 'Any',
      },
      pagination: {
        rowsPerPage: 'Rows per page:',
        range: '{{from}}–{{to}} of {{total}}',
      },
    },
    deployTemplate: '"Deploy LLM" template',
    entityContent: {
      tabTitle: 'LLM workspace',
      emptyTitle: 'No LLM workspace serves this entity yet',
      emptyDescription:
        'Deploy one with the {{template}} and choose this entity, or add the annotation {{annotation}} to its catalog-info.yaml.',
      selectorLabel: 'Workspace',
      selectorCount: '{{number}} workspaces serve this entity',
    },
    workspace: {
      waitingTitle: 'Waiting for the workspace to appear',
      waitingText:
        '{{key}} does not exist yet. This page updates by itself when it appears; a workspace that was just requested shows within seconds.',
      waitingProgressLabel: 'Waiting for the workspace',
      liveTooltip: 'Live: changes show as they happen',
      reconnectingTooltip: 'Reconnecting to the live stream',
      invalidKey:
        '"{{key}}" is not a workspace key <cluster>/<namespace>/<name>.',
      deletedTitle: 'Workspace deleted',
      deletedDescription: '{{key}} no longer exists.',
      noData: 'No data for {{key}}',
    },
    deleteWorkspace: {
      button: 'Delete',
      deleting: 'Deleting…',
      dialogTitle: 'Delete {{name}}?',
      dialogText_one:
        'This deletes the workspace {{key}}, stops its model and releases its {{count}} GPU. It cannot be undone.',
      dialogText_other:
        'This deletes the workspace {{key}}, stops its model and releases its {{count}} GPUs. It cannot be undone.',
      cancel: 'Cancel',
      confirm: 'Delete workspace',
    },
    chat: {
      title: 'Chat',
      subheader:
        'Talk to the model through the portal; replies stream as they are generated.',
      notAllowed:
        'You are not allowed to chat with this workspace (kaito.workspace.chat).',
      emptyConversation: 'Ask the model something to start.',
      loadingHistory: 'Loading the kept conversation…',
      opensWhenReady: 'Chat opens once the model is ready.',
      conversationLabel: 'Conversation',
      messagePlaceholder: 'Message (Enter sends, Shift+Enter adds a line)',
      messageLabel: 'Message',
      send: 'Send',
      stop: 'Stop',
      clear: 'Clear',
      clearTitle: 'Clears the conversation, here and as the portal keeps it',
      fixSettings: 'Fix the settings to send: {{errors}}',
      modelLabel: 'Model or adapter',
      temperatureLabel: 'Temperature',
      maxTokensLabel: 'Max tokens',
      systemPromptLabel: 'System prompt',
      waitingForFirstToken: 'Waiting for the first token…',
      replyMetrics:
        'time to first token {{timeToFirstToken}} · {{tokensPerSecond}} tokens/s · {{tokens}} tokens',
      stopped: 'stopped',
      copyReply: 'Copy reply',
    },
  },
});
