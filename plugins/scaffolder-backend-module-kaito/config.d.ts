export interface Config {
  kaito?: {
    portal?: {
      /**
       * The app path of the LLM workspaces page, which the actions' `detailUrl` output (and the
       * `tabUrl` of an InferenceSet that serves no entity) starts with. The kaito backend plugin
       * reads the same key for its links.
       * @default '/kaito'
       */
      workspacesPath?: string;
    };
  };
}
