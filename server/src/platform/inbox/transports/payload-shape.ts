/**
 * HTTP callbacks carry PascalCase keys (`EventType`, `UserId`, `CorpId`, `TimeStamp`) while Stream
 * delivers camelCase (`userId`, `timeStamp`). Handlers see one shape: top-level keys in camelCase.
 */
export function toCamelCaseKeys(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).map(([key, value]) => [key.charAt(0).toLowerCase() + key.slice(1), value]));
}
