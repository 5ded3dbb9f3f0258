ALTER TABLE "ticket_attachments" ADD COLUMN "data_key" text;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD COLUMN "data_cipher" text;