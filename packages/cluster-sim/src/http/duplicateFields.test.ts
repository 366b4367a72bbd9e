import { duplicateFieldsOf, duplicateJsonFields, parseJsonNotingDuplicates } from './duplicateFields';

describe('duplicateJsonFields', () => {
  it.each([
    ['no duplicates', '{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}', []],
    ['a top-level duplicate', '{"kind":"ConfigMap","data":{},"data":{"x":"y"}}', ['data']],
    ['nested and in list items, with indexes', '{"spec":{"replicas":1,"replicas":2,"template":{"spec":{"containers":[{"name":"a"},{"name":"b","name":"c"}]}}}}', ['spec.replicas', 'spec.template.spec.containers[1].name']],
    ['keys that are only equal once unescaped', '{"a\\u0062":1,"ab":2}', ['ab']],
    ['strings that look like structure', '{"a":"{\\"a\\":1,\\"a\\":2}","b":"[,]"}', []],
    ['whitespace everywhere', '{ "a" : [ 1 , 2 ] ,\n "a" : { } }', ['a']],
  ])('finds %s', (_name, text, expected) => {
    expect(duplicateJsonFields(text)).toEqual(expected);
  });

  it('remembers the duplicates beside the parsed body, which keeps the last value', () => {
    const body = parseJsonNotingDuplicates('{"data":{"a":"1"},"data":{"a":"2"}}');
    expect(body).toEqual({ data: { a: '2' } });
    expect(duplicateFieldsOf(body)).toEqual(['data']);
    expect(duplicateFieldsOf(parseJsonNotingDuplicates('{"data":{}}'))).toEqual([]);
  });
});
