import { withoutRemoteImages } from './noRemoteImages';

describe('withoutRemoteImages', () => {
  it.each([
    [
      '![a cat](https://evil.example/cat.png)',
      '[Image: a cat](https://evil.example/cat.png)',
    ],
    [
      'see ![](https://t.example/p.gif "pixel") here',
      'see [Image: untitled](https://t.example/p.gif "pixel") here',
    ],
    [
      '![logo][1]\n\n[1]: https://x.example/l.png',
      '[Image: logo][1]\n\n[1]: https://x.example/l.png',
    ],
    [
      '<img src="https://t.example/a.png" alt="chart">',
      '[Image: chart](<https://t.example/a.png>)',
    ],
    [
      "<IMG SRC='https://t.example/b.png'/>",
      '[Image: untitled](<https://t.example/b.png>)',
    ],
    ['<img alt="no source">', 'Image: no source'],
    [
      '<picture><source srcset="https://t.example/c.webp 2x"></picture>',
      '[Image: untitled](<https://t.example/c.webp>)',
    ],
    [
      '<video poster="https://t.example/v.jpg"></video>',
      '[Image: untitled](<https://t.example/v.jpg>)',
    ],
  ])('turns %p into a link', (input, output) => {
    expect(withoutRemoteImages(input)).toBe(output);
  });

  it('leaves code blocks and inline code as they are', () => {
    const text =
      '```md\n![x](https://a.example/x.png)\n```\nand `![y](y.png)` but ![z](https://z.example/z.png)';
    expect(withoutRemoteImages(text)).toBe(
      '```md\n![x](https://a.example/x.png)\n```\nand `![y](y.png)` but [Image: z](https://z.example/z.png)',
    );
  });

  it('leaves text without images alone', () => {
    expect(
      withoutRemoteImages(
        '**bold** [a link](https://ok.example) !not an image',
      ),
    ).toBe('**bold** [a link](https://ok.example) !not an image');
  });
});
