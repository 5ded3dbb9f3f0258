// 24×24 line drawings in the text colour. Decorative: a label always says what the control does.
const drawings = {
  plus: 'M12 5v14M5 12h14',
  picture: 'M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15.5 9.5v.01',
} as const;

export function LineIcon({ name, className }: { name: keyof typeof drawings; className?: string }) {
  return (
    <svg className={className} width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={drawings[name]} />
    </svg>
  );
}
