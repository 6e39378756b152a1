-- A referral's signed written consent is kept where ventanilla attachments are: the row is owned by
-- either a communication or a referral (exactly one). Existing rows all have a communication.
ALTER TABLE "communication_attachments" ALTER COLUMN "communication_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "communication_attachments" ADD COLUMN "referral_id" text;--> statement-breakpoint
ALTER TABLE "communication_attachments" ADD CONSTRAINT "communication_attachments_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communication_attachments_referral_idx" ON "communication_attachments" USING btree ("referral_id") WHERE referral_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "communication_attachments" ADD CONSTRAINT "communication_attachments_one_owner" CHECK ((communication_id IS NULL) <> (referral_id IS NULL));