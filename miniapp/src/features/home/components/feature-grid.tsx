import { useNavigate } from 'react-router';
import { useI18n } from '../../../lib/i18n';
import type { FeatureTile } from '../utils/feature-tiles';
import styles from './feature-grid.module.css';
import { TileIcon } from './tile-icon';

/** Feature tiles; the ones not built yet stay visible but disabled, marked "coming soon". */
export function FeatureGrid({ tiles }: { tiles: readonly FeatureTile[] }) {
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
              <span className={styles.icon} style={{ background: tile.color }}>
                <TileIcon tile={tile.key} />
              </span>
              <span className={styles.label}>{t(tile.label)}</span>
              {href ? null : <span className={styles.soon}>{t('home.comingSoon')}</span>}
            </button>
          );
        })}
      </div>
    </section>
  );
}
