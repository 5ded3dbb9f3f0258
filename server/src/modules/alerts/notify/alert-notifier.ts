import type { EscalationTarget } from '@dingops/shared/oncall';
import type { User } from '@dingops/shared/users';
import type { Executor } from '../../../db/client';
import type { OutboxService } from '../../../platform/outbox/outbox.service';
import type { AlertGroupRow } from '../alerts.table';
import { createWarRoomRequests, type OnCallInTransaction } from '../war-room/war-room';
import { createCardMessages } from './card-messages';
import { createChatMessages, type NotifySettings } from './chat-messages';
import { createEscalationMessages } from './escalation-messages';

/**
 * Everything alerts tell DingTalk goes through the outbox, in the transaction of the change: the
 * group's card, pages and escalation messages, war rooms and repeat reminders.
 */
export function createAlertNotifier({ outbox, settings, onEscalation, oncall = null }: { outbox: OutboxService; settings: NotifySettings; onEscalation: (target: EscalationTarget | 'fallback') => void; oncall?: OnCallInTransaction | null }) {
  const warRooms = createWarRoomRequests({ outbox, oncall, settings: { templateId: settings.sceneGroupTemplateId } });
  const chat = createChatMessages({ outbox, settings });
  return {
    publicUrl: settings.publicUrl,
    groupMessage: chat.groupMessage,
    ...createCardMessages({ outbox, settings, chat }),
    ...createEscalationMessages({ outbox, settings, chat, onEscalation }),
    /** 作战群: asks DingTalk for the level-1 group's war room; the card shows it as being made. */
    openWarRoom: (tx: Executor, group: AlertGroupRow, input: { actor: User; now: Date }) => warRooms.request(tx, group, input),
  };
}

export type AlertNotifier = ReturnType<typeof createAlertNotifier>;
