import type { AccessSystem, Catalog } from '@dingops/shared/access';
import { Button, List } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { RiskTag } from './access-tags';
import { RoleSheet } from './role-sheet';
import { SystemSheet } from './system-sheet';
import styles from './access.module.css';

/** 权限目录 (it_admin): each system with its owner and roles; add a system or a role. */
export function CatalogView({ catalog, onChanged }: { catalog: Catalog; onChanged: () => void }) {
  const { t } = useI18n();
  const [addingSystem, setAddingSystem] = useState(false);
  const [roleFor, setRoleFor] = useState<AccessSystem | null>(null);
  return (
    <div className={styles.page} data-testid="access-catalog">
      {catalog.items.length === 0 ? <div className={styles.empty}>{t('access.catalog.empty')}</div> : null}
      {catalog.items.map((system) => (
        <List
          key={system.id}
          data-testid={`access-catalog-system-${system.id}`}
          header={
            <span className={styles.rowTitle}>
              <span className={styles.systemName}>{system.name}</span>
              {system.manualProvisioning ? <span className={`${styles.tag} ${styles.info}`}>{t('access.catalog.manual')}</span> : null}
            </span>
          }
        >
          <List.Item description={system.description}>
            <span className={styles.rowMeta}>
              <span>{t('access.catalog.ownerIs', { name: system.ownerName ?? system.ownerUserId })}</span>
              <span>{t('access.catalog.reviewerIs', { who: t(`access.reviewer.${system.reviewer}`) })}</span>
            </span>
          </List.Item>
          {system.roles.map((role) => (
            <List.Item key={role.id} description={role.description} extra={t('access.form.maxDays', { days: role.maxDays })} data-testid={`access-catalog-role-${role.id}`}>
              <span className={styles.rowTitle}>
                <span>{role.name}</span>
                <RiskTag risk={role.risk} />
              </span>
            </List.Item>
          ))}
          <List.Item>
            <Button size="small" fill="outline" color="primary" onClick={() => setRoleFor(system)} data-testid="access-catalog-add-role">
              {t('access.catalog.addRole')}
            </Button>
          </List.Item>
        </List>
      ))}
      <div className={styles.actionBar}>
        <Button color="primary" size="large" onClick={() => setAddingSystem(true)} data-testid="access-catalog-add-system">
          {t('access.catalog.addSystem')}
        </Button>
      </div>
      <SystemSheet visible={addingSystem} onClose={() => setAddingSystem(false)} onCreated={() => { setAddingSystem(false); onChanged(); }} />
      <RoleSheet system={roleFor} onClose={() => setRoleFor(null)} onCreated={() => { setRoleFor(null); onChanged(); }} />
    </div>
  );
}
