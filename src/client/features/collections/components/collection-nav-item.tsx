import { NavLink } from 'react-router';
import type { Collection } from '../../../../domain';
import { pagePaths } from '../../../lib/paths';
import { Bytes } from '../../../ui/bytes';
import { CollectionActionsMenu } from './collection-actions-menu';

/** A collection in the sidebar: a link to its versions (count and size at a glance) and its kebab. */
export function CollectionNavItem({ collection }: { collection: Collection }) {
  return (
    <li className="collection-nav-item">
      <NavLink className="collection-nav-link" to={pagePaths.collection(collection, collection.type, collection.name)}>
        {/* The spaces between the spans keep the link's accessible name readable ("mnist-train 12
            versions, 1.3 MB"); the grid layout ignores them. */}
        {/* Cut with an ellipsis when long; the title shows it whole on hover. */}
        <span className="collection-nav-name mono" title={collection.name}>
          {collection.name}
        </span>{' '}
        <span className="collection-nav-count">
          {collection.versionCount.toLocaleString('en-US')} <span className="visually-hidden">{collection.versionCount === 1 ? 'version' : 'versions'},</span>
        </span>{' '}
        <span className="collection-nav-size">
          <Bytes bytes={collection.sizeBytes} />
        </span>
      </NavLink>
      <CollectionActionsMenu collection={collection} />
    </li>
  );
}
