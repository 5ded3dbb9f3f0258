import { useLayoutEffect, useRef, type TextareaHTMLAttributes } from 'react';
import styles from './report-fields.module.css';

type AutoTextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'> & {
  value: string;
  onChange: (value: string) => void;
};

/** A plain textarea that grows with its text, so a long description never scrolls inside a box. */
export function AutoTextArea({ value, onChange, className, ...rest }: AutoTextAreaProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${element.scrollHeight}px`;
  }, [value]);
  return <textarea ref={ref} rows={3} className={`${styles.textarea} ${className ?? ''}`} value={value} onChange={(event) => onChange(event.target.value)} {...rest} />;
}
