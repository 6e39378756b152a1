-- Follow-ups get an owner (type + id) so any kind of case can own them. Every existing row
-- belongs to an intervention: its owner is backfilled from intervention_id before the columns
-- become NOT NULL. intervention_id stays (nullable) for the cascade on case deletion and for
-- projections written by workers of the previous release during a rolling deploy.
ALTER TABLE "follow_ups" ALTER COLUMN "intervention_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "owner_type" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "owner_id" text;--> statement-breakpoint
UPDATE "follow_ups" SET "owner_type" = 'intervention', "owner_id" = "intervention_id" WHERE "owner_id" IS NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ALTER COLUMN "owner_type" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ALTER COLUMN "owner_id" SET NOT NULL;--> statement-breakpoint
CREATE FUNCTION "follow_ups_owner_from_intervention"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A worker of the previous release writes intervention_id only.
  IF NEW.owner_id IS NULL AND NEW.intervention_id IS NOT NULL THEN
    NEW.owner_type := 'intervention';
    NEW.owner_id := NEW.intervention_id;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "follow_ups_owner_from_intervention" BEFORE INSERT ON "follow_ups" FOR EACH ROW EXECUTE FUNCTION "follow_ups_owner_from_intervention"();--> statement-breakpoint
CREATE INDEX "follow_ups_owner_idx" ON "follow_ups" USING btree ("owner_type","owner_id","due_at");
