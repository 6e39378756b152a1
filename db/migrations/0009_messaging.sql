CREATE TABLE "bulk_message_recipients" (
	"bulk_id" text NOT NULL,
	"person_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"position" integer,
	"address" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_message_recipients_bulk_id_person_id_pk" PRIMARY KEY("bulk_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "bulk_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"channel" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"source" text NOT NULL,
	"created_by" text NOT NULL,
	"created_by_name" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"workflow_id" text NOT NULL,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_list_members" (
	"list_id" text NOT NULL,
	"person_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_list_members_list_id_person_id_pk" PRIMARY KEY("list_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "contact_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"name" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_status_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"person_id" text NOT NULL,
	"owner_type" text,
	"owner_id" text,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"sent_by" text,
	"sent_by_name" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"reason" text,
	"status_at" timestamp with time zone DEFAULT now() NOT NULL,
	"idempotency_key" text NOT NULL,
	"outbox_id" text,
	"provider_id" text,
	"handed_over_at" timestamp with time zone,
	"segments" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messaging_settings" (
	"organisation_id" text PRIMARY KEY NOT NULL,
	"sms_enabled" boolean DEFAULT false NOT NULL,
	"sms_balance" integer DEFAULT 0 NOT NULL,
	"emails_per_second" integer DEFAULT 5 NOT NULL,
	"sms_per_second" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_balance_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"delta" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"reason" text NOT NULL,
	"message_id" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulk_message_recipients" ADD CONSTRAINT "bulk_message_recipients_bulk_id_bulk_messages_id_fk" FOREIGN KEY ("bulk_id") REFERENCES "public"."bulk_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_message_recipients" ADD CONSTRAINT "bulk_message_recipients_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_messages" ADD CONSTRAINT "bulk_messages_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_list_members" ADD CONSTRAINT "contact_list_members_list_id_contact_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."contact_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_list_members" ADD CONSTRAINT "contact_list_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_lists" ADD CONSTRAINT "contact_lists_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_status_changes" ADD CONSTRAINT "message_status_changes_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_outbox_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messaging_settings" ADD CONSTRAINT "messaging_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_balance_changes" ADD CONSTRAINT "sms_balance_changes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_message_recipients_position_idx" ON "bulk_message_recipients" USING btree ("bulk_id","position");--> statement-breakpoint
CREATE INDEX "bulk_message_recipients_person_idx" ON "bulk_message_recipients" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "bulk_messages_org_idx" ON "bulk_messages" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "bulk_messages_running_idx" ON "bulk_messages" USING btree ("organisation_id","channel") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "contact_list_members_person_idx" ON "contact_list_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "contact_lists_org_idx" ON "contact_lists" USING btree ("organisation_id","name");--> statement-breakpoint
CREATE INDEX "message_status_changes_message_idx" ON "message_status_changes" USING btree ("message_id","created_at");--> statement-breakpoint
CREATE INDEX "message_templates_org_idx" ON "message_templates" USING btree ("organisation_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_idempotency_idx" ON "messages" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "messages_person_idx" ON "messages" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_owner_idx" ON "messages" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "messages_outbox_idx" ON "messages" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "messages_provider_idx" ON "messages" USING btree ("provider_id") WHERE provider_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_org_idx" ON "messages" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "sms_balance_changes_org_idx" ON "sms_balance_changes" USING btree ("organisation_id","created_at");--> statement-breakpoint
-- An email's message follows its outbox row in the same transaction that records the attempt,
-- whichever process (the sending activity or a dispatcher) made it: nothing else needs to know.
CREATE FUNCTION "messages_follow_outbox"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	next_status text;
	next_reason text;
BEGIN
	IF NEW.status = 'sent' THEN
		next_status := 'sent';
	ELSIF NEW.status = 'failed' THEN
		next_status := 'failed';
		next_reason := CASE WHEN NEW.failure = 'expired' THEN 'expired: ' || coalesce(NEW.last_error, '') ELSE NEW.last_error END;
	ELSE
		RETURN NEW;
	END IF;
	WITH changed AS (
		UPDATE "messages" SET "status" = next_status, "reason" = next_reason, "status_at" = now(), "updated_at" = now()
		WHERE "outbox_id" = NEW.id AND "status" = 'queued'
		RETURNING "id", "organisation_id")
	INSERT INTO "message_status_changes" ("id", "message_id", "organisation_id", "status", "reason")
	SELECT gen_random_uuid()::text, "id", "organisation_id", next_status, next_reason FROM changed;
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "messages_follow_outbox" AFTER UPDATE OF "status" ON "outbox_messages"
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status IN ('sent', 'failed'))
	EXECUTE FUNCTION "messages_follow_outbox"();
