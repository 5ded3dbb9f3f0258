import type { Role } from '@dingops/shared/roles';
import { paths } from '../../../config/paths';
import type { MessageKey } from '../../../lib/i18n';

export type TileKey = 'report' | 'my-tickets' | 'queue' | 'knowledge' | 'alerts' | 'oncall' | 'access' | 'training' | 'audit' | 'settings' | 'admin';

export type FeatureTile = {
  key: TileKey;
  label: MessageKey;
  /** Background of the tile's icon; the label always names the feature too. */
  color: string;
  /** Who sees the tile; undefined means everyone (every user is an employee). */
  roles?: readonly Role[];
  /** Where the tile goes; undefined while the feature is not built yet (shown as coming soon). */
  href?: string;
};

const itTeam: readonly Role[] = ['it_staff', 'it_admin'];

export const featureTiles: readonly FeatureTile[] = [
  { key: 'report', label: 'tile.report', color: 'var(--adm-color-warning)', href: paths.reportFault.getHref() },
  { key: 'my-tickets', label: 'tile.myTickets', color: 'var(--adm-color-primary)', href: paths.myTickets.getHref() },
  { key: 'queue', label: 'tile.queue', color: 'var(--dop-cyan)', roles: itTeam, href: paths.ticketQueue.getHref() },
  { key: 'knowledge', label: 'tile.knowledge', color: 'var(--adm-color-success)', href: paths.knowledge.getHref() },
  { key: 'alerts', label: 'tile.alerts', color: 'var(--adm-color-danger)', roles: itTeam, href: paths.alerts.getHref() },
  { key: 'oncall', label: 'tile.oncall', color: 'var(--adm-color-primary)', roles: itTeam, href: paths.oncall.getHref() },
  { key: 'access', label: 'tile.access', color: 'var(--dop-purple)', href: paths.myAccess.getHref() },
  { key: 'training', label: 'tile.training', color: 'var(--adm-color-success)' },
  { key: 'audit', label: 'tile.audit', color: 'var(--adm-color-yellow)', roles: ['auditor', 'it_admin'], href: paths.audit.getHref() },
  { key: 'settings', label: 'tile.settings', color: 'var(--dop-cyan)', roles: ['it_admin'], href: paths.settings.getHref() },
  { key: 'admin', label: 'tile.admin', color: 'var(--adm-color-primary)', roles: ['it_admin'], href: paths.adminUsers.getHref() },
];

/** The tiles a person's roles allow, in catalogue order. */
export function visibleTiles(roles: readonly Role[], tiles: readonly FeatureTile[] = featureTiles): FeatureTile[] {
  return tiles.filter((tile) => !tile.roles || tile.roles.some((role) => roles.includes(role)));
}
