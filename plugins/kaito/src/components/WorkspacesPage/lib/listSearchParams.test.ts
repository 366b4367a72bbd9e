import {
  lastPageOffset,
  listFilterOfView,
  searchParamsOfView,
  viewFromSearchParams,
  WorkspaceListView,
  withFilters,
  withPage,
  withSort,
} from './listSearchParams';

const noFilters = { cluster: '', state: '', owner: '', q: '' } as const;
const firstPage: WorkspaceListView = {
  filters: noFilters,
  order: 'asc',
  offset: 0,
  limit: 25,
};

describe('viewFromSearchParams', () => {
  it('reads filters, sort and page from the URL', () => {
    expect(
      viewFromSearchParams(
        new URLSearchParams(
          'cluster=aks&state=Ready&owner=group:default/ml-team&q=phi&sort=createdAt&order=desc&offset=100&limit=50',
        ),
      ),
    ).toEqual({
      filters: {
        cluster: 'aks',
        state: 'Ready',
        owner: 'group:default/ml-team',
        q: 'phi',
      },
      sort: 'createdAt',
      order: 'desc',
      offset: 100,
      limit: 50,
    });
  });

  it.each([
    ['nothing', '', firstPage],
    ['an unknown state, sort and order', 'state=Sleeping&sort=password&order=up', firstPage],
    ['a page size the table does not offer', 'limit=7', firstPage],
    ['a negative or non-numeric offset', 'offset=-5', firstPage],
    ['an offset between pages (back to its page)', 'offset=30', { ...firstPage, offset: 25 }],
  ])('falls back to the defaults for %s', (_, search, expected) => {
    expect(viewFromSearchParams(new URLSearchParams(search))).toEqual(expected);
  });
});

describe('searchParamsOfView', () => {
  it('writes what differs from the defaults and keeps other params', () => {
    const params = searchParamsOfView(
      {
        filters: { ...noFilters, state: 'Failed', q: 'llama' },
        sort: 'gpuCount',
        order: 'desc',
        offset: 50,
        limit: 50,
      },
      new URLSearchParams('tab=1&cluster=old'),
    );
    expect(Object.fromEntries(params)).toEqual({
      tab: '1',
      state: 'Failed',
      q: 'llama',
      sort: 'gpuCount',
      order: 'desc',
      offset: '50',
      limit: '50',
    });
    expect(
      searchParamsOfView(firstPage, new URLSearchParams('offset=25&limit=50&sort=name')).toString(),
    ).toBe('');
  });

  it('round-trips through the URL', () => {
    const view: WorkspaceListView = {
      filters: { cluster: 'aks', state: 'Pending', owner: 'group:default/x', q: 'a b' },
      sort: 'owner',
      order: 'desc',
      offset: 200,
      limit: 100,
    };
    expect(viewFromSearchParams(searchParamsOfView(view, new URLSearchParams()))).toEqual(view);
  });
});

describe('changing the view', () => {
  const onPage3 = { ...firstPage, offset: 50 };

  it('goes back to the first page when the filters or the sort change', () => {
    expect(withFilters(onPage3, { ...noFilters, state: 'Ready' })).toEqual({
      ...firstPage,
      filters: { ...noFilters, state: 'Ready' },
    });
    expect(withSort(onPage3, 'costPerHour', 'desc')).toEqual({
      ...firstPage,
      sort: 'costPerHour',
      order: 'desc',
    });
    expect(withSort(onPage3, undefined, 'desc')).toEqual(firstPage);
  });

  it('turns pages, and a new page size starts from the first page', () => {
    expect(withPage(firstPage, 3)).toEqual({ ...firstPage, offset: 75 });
    expect(withPage(onPage3, 0, 100)).toEqual({ ...firstPage, limit: 100 });
  });

  it.each([
    ['the first page', 0, 0, undefined],
    ['a page that still has rows', 50, 51, undefined],
    ['a page past the end', 50, 50, 25],
    ['a page far past the end', 500, 26, 25],
    ['any page once nothing matches', 50, 0, 0],
  ])('moves from %s to the last page with rows', (_, offset, total, expected) => {
    expect(lastPageOffset({ ...firstPage, offset }, total)).toBe(expected);
  });
});

describe('listFilterOfView', () => {
  it('asks the stream for one page, with only the filters that are set', () => {
    expect(listFilterOfView(firstPage)).toEqual({ offset: 0, limit: 25 });
    expect(
      listFilterOfView({
        filters: { cluster: 'aks', state: 'Ready', owner: 'group:default/ml-team', q: '  phi ' },
        sort: 'name',
        order: 'desc',
        offset: 50,
        limit: 50,
      }),
    ).toEqual({
      cluster: 'aks',
      state: ['Ready'],
      owner: 'group:default/ml-team',
      q: 'phi',
      sort: 'name',
      order: 'desc',
      offset: 50,
      limit: 50,
    });
  });
});
