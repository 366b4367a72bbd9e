import { storableText } from './storableText';

describe('storableText', () => {
  it.each([
    ['plain', undefined, 'plain'],
    ['a lone high surrogate \ud83d at the end \ud800', undefined, 'a lone high surrogate \uFFFD at the end \uFFFD'],
    ['a lone low one \udc00 here', undefined, 'a lone low one \uFFFD here'],
    ['a whole pair ☕ 😀 stays', undefined, 'a whole pair ☕ 😀 stays'],
    ['nul\u0000 goes', undefined, 'nul goes'],
    ['abcdef', 4, 'abcd'],
    ['ab😀cd', 3, 'ab'],
    ['ab😀cd', 4, 'ab😀'],
  ])('%j (max %p) is stored as %j', (value, max, stored) => {
    expect(storableText(value, max)).toBe(stored);
  });
});
