import { useState } from 'react';
import styles from './person-avatar.module.css';

type PersonAvatarProps = { name: string; avatarUrl?: string | null; size?: number };

/** DingTalk's convention: the photo, or the last two characters of the name on brand blue. */
export function PersonAvatar({ name, avatarUrl, size = 40 }: PersonAvatarProps) {
  const dimension = { width: size, height: size, fontSize: Math.round(size * 0.34) };
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  if (avatarUrl && failedUrl !== avatarUrl) {
    return <img className={styles.avatar} style={dimension} src={avatarUrl} alt="" loading="lazy" onError={() => setFailedUrl(avatarUrl)} />;
  }
  const initials = Array.from(name.trim()).slice(-2).join('');
  return (
    <span className={styles.avatar} style={dimension} aria-hidden="true">
      {initials}
    </span>
  );
}
