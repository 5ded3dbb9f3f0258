/**
 * Tokens for knowledge search (知识库). Chinese has no spaces between words and Postgres ships no
 * Chinese parser, so text is cut into overlapping character bigrams ("打印机" → 打印, 印机), which match
 * whatever the words turn out to be. Latin letters and digits keep whole words ("vpn", "502").
 * Every token is only Han characters or [a-z0-9], so it is safe inside to_tsvector / to_tsquery
 * with the `simple` configuration: no quotes, operators or spaces can reach the query syntax.
 */

/** Longer Latin runs are hashes, URLs or pasted logs: useless for search and over Postgres' lexeme limit. */
const maxWordLength = 40;
const runPattern = /\p{Script=Han}+|[a-z0-9]+/gu;
const wordPattern = /^[a-z0-9]+$/;

/** NFKC folds full-width letters, digits and spaces to their half-width forms; then lower-case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Bigrams of a run of Han characters; a lone character stays a unigram. */
function bigramsOf(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((char, index) => `${chars[index]}${char}`);
}

/** All tokens of a text in order, repeats kept (positions matter to ts_rank_cd). */
export function textTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of normalizeText(text).matchAll(runPattern)) {
    if (wordPattern.test(run)) {
      if (run.length <= maxWordLength) tokens.push(run);
    } else {
      tokens.push(...bigramsOf(run));
    }
  }
  return tokens;
}

export interface ArticleText {
  title: string;
  symptom: string;
  cause: string | null;
  resolution: string;
  tags: readonly string[];
}

/**
 * The document, one space-separated token string per weight: title A, symptom B, the rest C. Each
 * string goes to `setweight(to_tsvector('simple', $n), 'A'|'B'|'C')` as a bound parameter.
 */
export function documentTokens(article: ArticleText): { a: string; b: string; c: string } {
  const rest = [article.cause ?? '', article.resolution, ...article.tags].join('\n');
  return { a: textTokens(article.title).join(' '), b: textTokens(article.symptom).join(' '), c: textTokens(rest).join(' ') };
}

/** Distinct tokens of a search or of a report being typed, in first-seen order. */
export function queryTokens(text: string): string[] {
  return [...new Set(textTokens(text))];
}

/**
 * Latin words in a fault report are nearly always the names of the thing that broke (VPN, Outlook,
 * ERP, 502), the most telling part of the report; a bigram is a fragment. So a word outweighs the
 * bigrams of a short Chinese phrase: "VPN 连不上" ranks the VPN article above any other 连不上.
 */
export const wordWeight = 3;

export function tokenWeight(token: string): number {
  return wordPattern.test(token) ? wordWeight : 1;
}

/** An OR of the tokens for `to_tsquery('simple', $n)`; empty when there is nothing to search for. */
export function orQuery(tokens: readonly string[]): string {
  return tokens.map((token) => `'${token}'`).join(' | ');
}

/** How much of the query a match must cover: two weight units (one word, or two bigrams), or all of a shorter query. */
export function minimumMatchWeight(tokens: readonly string[]): number {
  return Math.min(2, tokens.reduce((sum, token) => sum + tokenWeight(token), 0));
}
