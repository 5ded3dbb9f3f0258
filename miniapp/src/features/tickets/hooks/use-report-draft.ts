import { useCallback, useEffect, useState } from 'react';
import { env } from '../../../config/env';
import { emptyDraft, isDraftEmpty, reportDraftSchema, type ReportDraft } from '../utils/report-draft';

function readDraft(key: string): ReportDraft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const parsed = reportDraftSchema.safeParse(JSON.parse(raw));
    return parsed.success && !isDraftEmpty(parsed.data) ? parsed.data : null;
  } catch {
    return null; // storage disabled or a damaged entry: start afresh
  }
}

function writeDraft(key: string, draft: ReportDraft): void {
  try {
    if (isDraftEmpty(draft)) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // without storage the draft lives as long as the page
  }
}

/**
 * The report being written, kept in localStorage so a reload or a phone call does not lose it.
 * One draft per person: the sandbox switches people on the same browser.
 */
export function useReportDraft(userId: string) {
  const key = `${env.storagePrefix}.tickets.draft.${userId}`;
  const [initial] = useState(() => readDraft(key));
  const [draft, setDraft] = useState<ReportDraft>(initial ?? emptyDraft);

  useEffect(() => writeDraft(key, draft), [key, draft]);

  const update = useCallback(<F extends keyof ReportDraft>(field: F, value: ReportDraft[F]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
  }, []);

  // Cleared at once, not in the effect: after a submit the page unmounts in the same render.
  const reset = useCallback(() => {
    writeDraft(key, emptyDraft);
    setDraft(emptyDraft);
  }, [key]);

  // Once the ticket exists a reload must not offer the same report again, even while its screenshots upload.
  const forgetStored = useCallback(() => writeDraft(key, emptyDraft), [key]);

  return { draft, update, reset, forgetStored, restored: initial !== null };
}
