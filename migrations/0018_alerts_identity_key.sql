-- Alerts are keyed by their identity (source, fingerprint): the surrogate id and its index go, and
-- the identity's unique index becomes the primary key as it is (no rebuild).
ALTER TABLE "alerts" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_identity_pk" PRIMARY KEY USING INDEX "alerts_identity_idx";
