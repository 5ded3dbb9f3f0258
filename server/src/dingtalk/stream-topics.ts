// The Stream CALLBACK topics DingOps subscribes to; shared by the Stream adapter and the sandbox.

/** Robot @-messages in groups and every message in a 1:1 chat with the app's robot. */
export const robotMessageTopic = '/v1.0/im/bot/messages/get';
/** Interactive card button clicks (card instances created with callbackType STREAM). */
export const cardCallbackTopic = '/v1.0/card/instances/callback';
