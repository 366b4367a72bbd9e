import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  entityRouteRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';

/**
 * A catalog entity ref as a link to its entity page (through the catalog's
 * `entityRouteRef`), or as text when the app mounts no catalog or the ref
 * does not parse.
 *
 * @internal
 */
export const EntityLink = (props: {
  entityRef: string;
  defaultKind?: string;
}) => {
  const { entityRef, defaultKind } = props;
  const entityRoute = useOptionalRouteRef(entityRouteRef);
  let ref;
  try {
    ref = parseEntityRef(entityRef, {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch {
    return <>{entityRef}</>;
  }
  if (!entityRoute) {
    return <>{humanizeEntityRef(ref, { defaultKind })}</>;
  }
  return (
    <EntityRefLink
      entityRef={ref}
      defaultKind={defaultKind}
      hideIcon
      disableTooltip
    />
  );
};
