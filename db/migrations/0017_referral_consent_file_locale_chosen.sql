-- 1. A referral's signed written consent is kept where ventanilla attachments are: the row is
--    owned by either a communication or a referral (exactly one). Existing rows all have a
--    communication.
-- 2. users.locale_chosen: whether the user's language was chosen (profile, header switcher, or the
--    admin at invitation). Until then the UI keeps the language picked on the browser's login page.
--    An existing user whose language differs from the organisation's must have chosen it; one with
--    the organisation's language shows the same either way unless that browser picked another.
ALTER TABLE "communication_attachments" ALTER COLUMN "communication_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale_chosen" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "communication_attachments" ADD COLUMN "referral_id" text;--> statement-breakpoint
ALTER TABLE "communication_attachments" ADD CONSTRAINT "communication_attachments_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communication_attachments_referral_idx" ON "communication_attachments" USING btree ("referral_id") WHERE referral_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "communication_attachments" ADD CONSTRAINT "communication_attachments_one_owner" CHECK ((communication_id IS NULL) <> (referral_id IS NULL));--> statement-breakpoint
UPDATE "users" u SET "locale_chosen" = true FROM "organisations" o WHERE o."id" = u."organisation_id" AND u."locale" <> o."locale";
