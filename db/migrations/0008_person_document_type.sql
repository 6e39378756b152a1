ALTER TABLE "persons" ADD COLUMN "document_type" text;--> statement-breakpoint
CREATE INDEX "persons_org_document_idx" ON "persons" USING btree ("organisation_id","document_id");--> statement-breakpoint
CREATE INDEX "persons_org_birth_idx" ON "persons" USING btree ("organisation_id","birth_date");--> statement-breakpoint
-- Files created before the type was asked get the type their number's shape says.
UPDATE "persons" SET "document_type" = CASE
  WHEN "document_id" ~ '^[0-9]{8}[A-Z]$' THEN 'dni'
  WHEN "document_id" ~ '^[XYZ][0-9]{7}[A-Z]$' THEN 'nie'
  WHEN "document_id" ~ '^[A-Z]{6}[0-9A-Z]{10}$' THEN 'codice_fiscale'
  ELSE 'other' END
WHERE "document_id" IS NOT NULL;
