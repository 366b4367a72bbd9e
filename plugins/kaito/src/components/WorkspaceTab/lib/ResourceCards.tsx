import { InfoCard } from '@backstage/core-components';
import Tooltip from '@material-ui/core/Tooltip';
import type {
  EventInfo,
  ImageInfo,
  NodeInfo,
  PodInfo,
} from '@kaito-backstage/plugin-kaito-common';
import { SimpleTable } from '../../shared/SimpleTable';
import { CopyButton } from '../../shared/CopyButton';
import { shortDigest } from '../../../lib/format';
import { pinImage } from '../../../lib/pinImage';
import { cardHeading } from '../../shared/cardHeading';
import { ReadableStatus } from '../../shared/ReadableStatus';

/** The workspace's GPU nodes. @internal */
export const NodesCard = ({ nodes }: { nodes: NodeInfo[] }) => (
  <InfoCard titleTypographyProps={cardHeading} title="Nodes" noPadding>
    <SimpleTable
      label="Nodes"
      rows={nodes}
      rowKey={node => node.name}
      emptyMessage="No nodes yet."
      columns={[
        { title: 'Name', render: node => node.name },
        { title: 'Instance type', render: node => node.instanceType ?? '-' },
        {
          title: 'GPUs',
          render: node =>
            `${node.gpus}${node.gpuProduct ? ` × ${node.gpuProduct}` : ''}`,
        },
        {
          title: 'Ready',
          render: node =>
            node.ready ? (
              <ReadableStatus kind="ok">Ready</ReadableStatus>
            ) : (
              <ReadableStatus kind="pending">Not ready</ReadableStatus>
            ),
        },
      ]}
    />
  </InfoCard>
);

/** The workspace's pods with their phase, restarts and reason. @internal */
export const PodsCard = ({ pods }: { pods: PodInfo[] }) => (
  <InfoCard titleTypographyProps={cardHeading} title="Pods" noPadding>
    <SimpleTable
      label="Pods"
      rows={pods}
      rowKey={pod => pod.name}
      emptyMessage="No pods yet."
      columns={[
        { title: 'Name', render: pod => pod.name },
        {
          title: 'Phase',
          render: pod => {
            if (pod.phase === 'Failed')
              return <ReadableStatus kind="error">{pod.phase}</ReadableStatus>;
            if (pod.ready)
              return <ReadableStatus kind="ok">{pod.phase}</ReadableStatus>;
            return <ReadableStatus kind="pending">{pod.phase}</ReadableStatus>;
          },
        },
        { title: 'Restarts', render: pod => pod.restarts },
        {
          title: 'Reason',
          render: pod =>
            pod.reason ? (
              <Tooltip title={pod.message ?? ''}>
                <span>{pod.reason}</span>
              </Tooltip>
            ) : (
              '-'
            ),
        },
        { title: 'Node', render: pod => pod.node ?? '-' },
      ]}
    />
  </InfoCard>
);

/** Kubernetes events of the workspace and its children, warnings marked. @internal */
export const EventsCard = ({ events }: { events: EventInfo[] }) => (
  <InfoCard titleTypographyProps={cardHeading} title="Events" noPadding>
    <SimpleTable
      label="Events"
      rows={events}
      rowKey={event => `${event.object}/${event.reason}/${event.message}`}
      emptyMessage="No events."
      columns={[
        {
          title: 'Type',
          render: event =>
            event.type === 'Warning' ? (
              <ReadableStatus kind="warning">Warning</ReadableStatus>
            ) : (
              'Normal'
            ),
        },
        { title: 'Reason', render: event => event.reason },
        { title: 'Object', render: event => event.object },
        { title: 'Message', render: event => event.message },
        { title: 'Count', render: event => event.count },
      ]}
    />
  </InfoCard>
);

/** The images the workspace runs or produced, with digests. @internal */
export const ImagesCard = ({ images }: { images: ImageInfo[] }) => (
  <InfoCard titleTypographyProps={cardHeading} title="Images" noPadding>
    <SimpleTable
      label="Images"
      rows={images}
      rowKey={image => `${image.role}/${image.image}`}
      emptyMessage="No images."
      columns={[
        { title: 'Role', render: image => image.role },
        { title: 'Image', render: image => <code>{image.image}</code> },
        {
          title: 'Digest',
          render: image =>
            image.digest ? (
              <>
                <Tooltip title={image.digest}>
                  <code>{shortDigest(image.digest)}</code>
                </Tooltip>
                <CopyButton
                  text={pinImage(image.image, image.digest)}
                  label={`Copy ${image.role} image by digest`}
                />
              </>
            ) : (
              'not resolved'
            ),
        },
      ]}
    />
  </InfoCard>
);
