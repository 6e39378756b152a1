CREATE TABLE "password_resets" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"replaced_at" timestamp with time zone,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "job_title" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_notifications" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "document_type" text;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "password_resets_token_key" ON "password_resets" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "password_resets_user_idx" ON "password_resets" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "persons_org_document_idx" ON "persons" USING btree ("organisation_id","document_id");--> statement-breakpoint
CREATE INDEX "persons_org_birth_idx" ON "persons" USING btree ("organisation_id","birth_date");--> statement-breakpoint
-- Files created before the type was asked get the type their number's shape says.
UPDATE "persons" SET "document_type" = CASE
  WHEN "document_id" ~ '^[0-9]{8}[A-Z]$' THEN 'dni'
  WHEN "document_id" ~ '^[XYZ][0-9]{7}[A-Z]$' THEN 'nie'
  WHEN "document_id" ~ '^[A-Z]{6}[0-9A-Z]{10}$' THEN 'codice_fiscale'
  ELSE 'other' END
WHERE "document_id" IS NOT NULL;
