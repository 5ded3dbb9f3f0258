import type { Role } from '@dingops/shared/roles';
import { List } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { useI18n, type MessageKey } from '../../../lib/i18n';

type AdminLink = { key: string; label: MessageKey; href: string; roles: readonly Role[] };

const links: readonly AdminLink[] = [
  { key: 'catalog', label: 'title.accessCatalog', href: paths.accessCatalog.getHref(), roles: ['it_admin'] },
  { key: 'tasks', label: 'title.accessTasks', href: paths.accessTasks.getHref(), roles: ['it_staff', 'it_admin'] },
  { key: 'reviews', label: 'title.accessReviews', href: paths.accessReviews.getHref(), roles: ['it_admin', 'auditor'] },
  { key: 'history', label: 'title.accessHistory', href: paths.accessHistory.getHref(), roles: ['it_admin', 'auditor'] },
];

/** IT's and auditors' access pages, under the person's own. */
export function AdminLinks({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const visible = links.filter((link) => link.roles.some((role) => roles.includes(role)));
  if (visible.length === 0) return null;
  return (
    <List header={t('access.adminHeader')} data-testid="access-admin-links">
      {visible.map((link) => (
        <List.Item key={link.key} arrow onClick={() => void navigate(link.href)} data-testid={`access-admin-${link.key}`}>
          {t(link.label)}
        </List.Item>
      ))}
    </List>
  );
}
