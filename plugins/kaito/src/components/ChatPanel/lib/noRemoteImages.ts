/** `![alt](url "title")` and `![alt][ref]`: a markdown image, inline or by reference. */
const MARKDOWN_IMAGE =
  /!\[([^\]\n]*)\](\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)|\[[^\]\n]*\])/g;
/**
 * Raw HTML that makes a browser fetch on sight (the gfm dialect renders raw
 * HTML): images, picture sources, media, embeds. Closing tags go too.
 */
const HTML_MEDIA =
  /<\/?(?:img|image|picture|source|video|audio|track|embed|object|iframe|input)\b[^>]*>/gi;
/** A fenced code block, or an inline code span: left as they are. */
const CODE =
  /(^|\n)(```|~~~)[^\n]*\n[\s\S]*?(\n\2[^\n]*(?=\n|$)|$)|`+[^`\n]*`+/g;

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(
    `\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`,
    'i',
  ).exec(tag);
  return match ? match[2] ?? match[3] ?? match[4] : undefined;
}

const label = (alt: string) => `Image: ${alt.trim() || 'untitled'}`;

function rewrite(text: string): string {
  return text
    .replace(
      MARKDOWN_IMAGE,
      (_, alt: string, target: string) => `[${label(alt)}]${target}`,
    )
    .replace(HTML_MEDIA, tag => {
      if (tag.startsWith('</')) return '';
      const src = ['src', 'srcset', 'poster', 'data', 'href']
        .map(name => attribute(tag, name))
        .find(Boolean)
        ?.split(/[\s,]/)[0];
      const alt = label(attribute(tag, 'alt') ?? '');
      if (src)
        return `[${alt}](<${src.replace(/[<>\s]/g, encodeURIComponent)}>)`;
      // An image without a source keeps its text; an empty container (picture, video) goes.
      return /^<(img|image)\b/i.test(tag) ? alt : '';
    });
}

/**
 * Model output with its images turned into links labelled "Image: alt":
 * a reply may point at any address, and showing it would make the user's
 * browser fetch it (a tracking pixel, or a leak of what the page shows
 * through the URL). Code is left untouched. The chat panel also blanks any
 * image source that still reaches the renderer.
 *
 * @internal
 */
export function withoutRemoteImages(markdown: string): string {
  let out = '';
  let at = 0;
  for (const match of markdown.matchAll(CODE)) {
    out += rewrite(markdown.slice(at, match.index)) + match[0];
    at = match.index! + match[0].length;
  }
  return out + rewrite(markdown.slice(at));
}
