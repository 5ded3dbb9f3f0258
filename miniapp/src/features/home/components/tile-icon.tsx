import type { TileKey } from '../utils/feature-tiles';

// 24×24 line drawings, white on the tile colour. Decorative: the label names the feature.
const drawings: Record<TileKey, string> = {
  report: 'M12 3 2.5 20h19L12 3Zm0 6v5m0 3v.5',
  'my-tickets': 'M6 3h12v18H6zM9 8h6M9 12h6M9 16h3',
  queue: 'M4 6h16M4 12h16M4 18h10',
  knowledge: 'M4 5a2 2 0 0 1 2-2h13v15H6a2 2 0 0 0-2 2V5Zm0 15a2 2 0 0 0 2 2h13v-4M9 8h6',
  alerts: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2Zm4 4h4',
  oncall: 'M4 5h16v15H4zM4 10h16M8 3v4m8-4v4m-7 7 2 2 4-4',
  access: 'M14 10a4 4 0 1 0-3.5 4L13 16.5V19h2.5v2H19v-3.5l-5.2-5.2A4 4 0 0 0 14 10Z',
  training: 'M2 9l10-5 10 5-10 5L2 9Zm4 2.5V16c2 2 10 2 12 0v-4.5M22 9v6',
  audit: 'M12 3 4 6v6c0 4.5 3.4 8 8 9 4.6-1 8-4.5 8-9V6l-8-3Zm-3.5 9 2.5 2.5 4.5-5',
  settings: 'M12 3v3m0 12v3M3 12h3m12 0h3M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z',
  admin: 'M4 7h9m4 0h3M4 17h3m4 0h9M15 5v4M9 15v4',
};

export function TileIcon({ tile }: { tile: TileKey }) {
  return (
    <svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={drawings[tile]} />
    </svg>
  );
}
