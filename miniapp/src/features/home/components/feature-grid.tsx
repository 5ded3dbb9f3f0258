import { Badge } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../lib/i18n';
import type { FeatureTile, TileKey } from '../utils/feature-tiles';
import styles from './feature-grid.module.css';
import { TileIcon } from './tile-icon';

/** A count on a tile's icon (what waits there); `urgent` shows it in red. */
export type TileBadge = { count: number; urgent: boolean; label: string };

/** Feature tiles; the ones not built yet stay visible but disabled, marked "coming soon". */
export function FeatureGrid({ tiles, badges = {} }: { tiles: readonly FeatureTile[]; badges?: Partial<Record<TileKey, TileBadge>> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <section className={styles.section} aria-labelledby="home-services">
      <h2 id="home-services" className={styles.heading}>
        {t('home.services')}
      </h2>
      <div className={styles.grid}>
        {tiles.map((tile) => {
          const { href } = tile;
          return (
            <button
              key={tile.key}
              type="button"
              className={styles.tile}
              data-testid={`tile-${tile.key}`}
              disabled={!href}
              onClick={href ? () => void navigate(href) : undefined}
            >
              <TileBadgeOn badge={badges[tile.key]} testId={`tile-${tile.key}-badge`}>
                <span className={styles.icon} style={{ background: tile.color }}>
                  <TileIcon tile={tile.key} />
                </span>
              </TileBadgeOn>
              <span className={styles.label}>{t(tile.label)}</span>
              {href ? null : <span className={styles.soon}>{t('home.comingSoon')}</span>}
            </button>
          );
        })}
      </div>
    </section>
  );
}

function TileBadgeOn({ badge, testId, children }: { badge: TileBadge | undefined; testId: string; children: ReactNode }) {
  if (!badge || badge.count === 0) return children;
  return (
    <Badge content={badge.count > 99 ? '99+' : badge.count} color={badge.urgent ? 'var(--adm-color-danger)' : 'var(--adm-color-warning)'} aria-label={badge.label} data-testid={testId}>
      {children}
    </Badge>
  );
}
