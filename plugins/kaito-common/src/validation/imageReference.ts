const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`,
);

/**
 * Whether `image` parses as a Docker/OCI image reference
 * (`[registry[:port]/]repo[/path][:tag][@digest]`, lower-case repository).
 *
 * @public
 */
export function isValidImageReference(image: string): boolean {
  return image.length <= 255 && REFERENCE.test(image);
}
