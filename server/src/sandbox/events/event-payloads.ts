// One event, two wire shapes. Over Stream the type and corp travel in the frame headers and `data`
// uses camelCase keys (`{userId: [...], timeStamp}`); over HTTP the decrypted body is a flat
// object with `EventType` first. Contact (org) events use PascalCase keys there
// (`{EventType, CorpId, UserId, OptStaffId, TimeStamp}`), while approval (bpms_*) events keep
// their camelCase fields, including a lower-case `corpId`.

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

const pascal = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

/** The decrypted HTTP body DingTalk posts for an event whose Stream `data` is `data`. */
export function httpEventBody({ eventType, corpId, data }: { eventType: string; corpId: string; data: unknown }): Fields {
  const fields = isObject(data) ? data : { data };
  if (eventType.startsWith('bpms_')) return { EventType: eventType, ...fields };
  return { EventType: eventType, CorpId: corpId, ...Object.fromEntries(Object.entries(fields).map(([key, value]) => [pascal(key), value])) };
}
