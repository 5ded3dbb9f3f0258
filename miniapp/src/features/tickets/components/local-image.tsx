import { useEffect, useState } from 'react';

/** A picked file shown from an object URL that is released with the element. */
export function LocalImage({ file, className, alt }: { file: File; className?: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(file);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  return url ? <img className={className} src={url} alt={alt} /> : null;
}
