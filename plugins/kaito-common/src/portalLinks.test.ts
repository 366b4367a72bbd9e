import { DEFAULT_WORKSPACES_PATH, readWorkspacesPath, workspacePagePath, workspacesPathProblem, workspacesSearchPath } from './portalLinks';

const phi = { cluster: 'aks-prod', namespace: 'team-ml', name: 'phi-3' };

describe('workspacesPathProblem', () => {
  it.each(['/kaito', '/ai/llm', '/', '/llm-workspaces'])('accepts %s', path => {
    expect(workspacesPathProblem(path)).toBeUndefined();
  });

  it.each([
    ['kaito', "'kaito' is not an app path"],
    ['https://portal.example.com/kaito', 'is not an app path'],
    ['//evil.example.com/kaito', 'is not an app path'],
    ['/kaito?tab=all', 'has a query'],
    ['/kaito#top', 'has a query, a fragment'],
    ['/ai llm', 'a space'],
    ['/ai/llm/', "ends with '/'; write it without, e.g. /ai/llm"],
    ['/ai/../admin', "has a '.' or '..' segment"],
  ])('refuses %s', (path, why) => {
    expect(workspacesPathProblem(path)).toContain(why);
  });
});

describe('workspace page paths', () => {
  it('put the workspace under the configured page, its parts encoded', () => {
    expect(workspacePagePath(DEFAULT_WORKSPACES_PATH, phi)).toBe('/kaito/aks-prod/team-ml/phi-3');
    expect(workspacePagePath('/ai/llm', phi)).toBe('/ai/llm/aks-prod/team-ml/phi-3');
    expect(workspacePagePath('/', phi)).toBe('/aks-prod/team-ml/phi-3');
    expect(workspacePagePath('/kaito', { ...phi, cluster: 'a b' })).toBe('/kaito/a%20b/team-ml/phi-3');
  });

  it('search the configured page', () => {
    expect(workspacesSearchPath('/ai/llm', 'phi set')).toBe('/ai/llm?q=phi%20set');
  });
});

describe('readWorkspacesPath', () => {
  /** A root config holding only kaito.portal.workspacesPath (or nothing). */
  const rootConfig = (workspacesPath?: string) => ({
    getOptionalString: (key: string) => (key === 'kaito.portal.workspacesPath' ? workspacesPath : undefined),
  });

  it('is /kaito unless kaito.portal.workspacesPath says otherwise', () => {
    expect(readWorkspacesPath(rootConfig())).toBe('/kaito');
    expect(readWorkspacesPath(rootConfig('/ai/llm'))).toBe('/ai/llm');
  });

  it('names the key and the fix of a value that is no page path', () => {
    expect(() => readWorkspacesPath(rootConfig('ai/llm'))).toThrow(
      "kaito.portal.workspacesPath: 'ai/llm' is not an app path; write the path the app mounts the LLM workspaces page at",
    );
  });
});
