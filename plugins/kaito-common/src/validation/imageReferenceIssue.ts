import { Issue } from '../schema/issue';
import { isValidImageReference } from './imageReference';
import { error, warning } from './issues';
import { ValidationContext } from './validationContext';

/**
 * The issue for an image that does not parse as a reference, if it does not:
 * an error (Kaito's rule), or with `imageReferences: 'warn'` a warning that
 * says the image will fail to pull on a real cluster.
 *
 * @internal
 */
export function imageReferenceIssue(path: string, image: string, context: ValidationContext): Issue | undefined {
  if (isValidImageReference(image)) return undefined;
  const problem = `'${image}' is not a valid image reference (registry/repository:tag, lower-case repository)`;
  return context.imageReferences === 'warn'
    ? warning(path, `${problem}; accepted here, but it will fail to pull on a real cluster`)
    : error(path, problem);
}
